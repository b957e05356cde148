using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Switchboard.Server.ControlPlane.Accounts;

/// <summary>
/// Argon2id password hashes in the PHC string format
/// (<c>$argon2id$v=19$m=19456,t=2,p=1$&lt;salt&gt;$&lt;hash&gt;</c>, unpadded base64), so each hash carries
/// the parameters it was made with and the defaults can be raised later. Thread-safe.
/// </summary>
internal sealed class PasswordHasher
{
    private const string Algorithm = "argon2id";
    private const int Version = 19;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly PasswordHashingOptions _options;
    private readonly Lazy<string> _dummyHash;

    public PasswordHasher(IOptions<ControlPlaneOptions> options)
    {
        _options = options.Value.PasswordHashing;
        _dummyHash = new Lazy<string>(() => Hash("switchboard-timing-equaliser"));
    }

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, _options.MemoryKiB, _options.Iterations, _options.Parallelism, HashBytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"${Algorithm}$v={Version}$m={_options.MemoryKiB},t={_options.Iterations},p={_options.Parallelism}${ToBase64(salt)}${ToBase64(hash)}");
    }

    public PasswordVerification Verify(string encoded, string password)
    {
        if (!TryParse(encoded, out var memory, out var iterations, out var parallelism, out var salt, out var expected))
        {
            return PasswordVerification.Failed;
        }

        var actual = Derive(password, salt, memory, iterations, parallelism, expected.Length);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            return PasswordVerification.Failed;
        }

        return memory == _options.MemoryKiB && iterations == _options.Iterations && parallelism == _options.Parallelism
            ? PasswordVerification.Succeeded
            : PasswordVerification.SucceededRehashNeeded;
    }

    /// <summary>Spends the time a real check takes, so unknown or locked accounts cannot be told apart by timing.</summary>
    public void VerifyDummy(string password) => Verify(_dummyHash.Value, password);

    private static byte[] Derive(string password, byte[] salt, int memoryKiB, int iterations, int parallelism, int length)
    {
        using var argon2 = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = memoryKiB,
            Iterations = iterations,
            DegreeOfParallelism = parallelism,
        };
        return argon2.GetBytes(length);
    }

    private static bool TryParse(string encoded, out int memory, out int iterations, out int parallelism, out byte[] salt, out byte[] hash)
    {
        memory = iterations = parallelism = 0;
        salt = hash = [];
        var parts = encoded.Split('$');
        if (parts.Length != 6 || parts[0].Length != 0 || parts[1] != Algorithm || parts[2] != $"v={Version}")
        {
            return false;
        }

        foreach (var parameter in parts[3].Split(','))
        {
            var (name, value) = parameter.Split('=') is [var n, var v] ? (n, v) : ("", "");
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
            {
                return false;
            }

            switch (name)
            {
                case "m": memory = number; break;
                case "t": iterations = number; break;
                case "p": parallelism = number; break;
                default: return false;
            }
        }

        return memory > 0 && iterations > 0 && parallelism > 0
            && TryFromBase64(parts[4], out salt) && TryFromBase64(parts[5], out hash) && hash.Length >= 16;
    }

    private static string ToBase64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryFromBase64(string text, out byte[] bytes)
    {
        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        bytes = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
