namespace Switchboard.Server.ControlPlane.Accounts;

/// <summary>Login e-mail addresses: trimmed and lower-cased, so <c>Anna@Example.com</c> and <c>anna@example.com</c> are one account.</summary>
internal static class EmailAddresses
{
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>A light check (one <c>@</c> with text on both sides, no spaces): the real test is whether mail arrives.</summary>
    public static bool IsValid(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return email.Length <= 320 && at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);
    }
}
