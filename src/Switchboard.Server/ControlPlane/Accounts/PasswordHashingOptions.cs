namespace Switchboard.Server.ControlPlane.Accounts;

/// <summary>
/// Argon2id cost for new hashes; the defaults are OWASP's (19 MiB, 2 iterations, 1 lane). Stored hashes
/// carry their own parameters, so raising these re-hashes each password at its next successful login.
/// </summary>
internal sealed class PasswordHashingOptions
{
    public int MemoryKiB { get; set; } = 19 * 1024;

    public int Iterations { get; set; } = 2;

    public int Parallelism { get; set; } = 1;
}
