namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>
/// A test against a real provider's service, run only when the named environment variables are set
/// (credentials); otherwise it is reported as skipped with the variables to set.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LiveFactAttribute : FactAttribute
{
    public LiveFactAttribute(params string[] variables)
    {
        var missing = variables.Where(v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v))).ToArray();
        if (missing.Length > 0)
        {
            Skip = $"live provider test: set {string.Join(", ", missing)} to run it";
        }
    }
}
