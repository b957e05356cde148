namespace Switchboard.Gateway.Accounting;

/// <summary>The names scopes have in the database, in messages and in Redis keys.</summary>
internal static class UsageScopes
{
    public static string Name(UsageScope scope) => scope switch
    {
        UsageScope.Key => "key",
        UsageScope.Team => "team",
        _ => "tenant",
    };

    public static bool TryParse(string? text, out UsageScope scope)
    {
        switch (text)
        {
            case "key":
                scope = UsageScope.Key;
                return true;
            case "team":
                scope = UsageScope.Team;
                return true;
            case "tenant":
                scope = UsageScope.Tenant;
                return true;
            default:
                scope = default;
                return false;
        }
    }
}
