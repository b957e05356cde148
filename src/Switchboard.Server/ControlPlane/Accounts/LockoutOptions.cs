namespace Switchboard.Server.ControlPlane.Accounts;

/// <summary>After <see cref="MaxFailedAttempts"/> wrong passwords in a row an account is locked for <see cref="Duration"/>.</summary>
internal sealed class LockoutOptions
{
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
