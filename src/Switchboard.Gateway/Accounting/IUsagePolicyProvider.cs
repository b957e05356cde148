namespace Switchboard.Gateway.Accounting;

/// <summary>Supplies the limits and budgets in force. <see cref="Current"/> is read on every request: it must return a ready snapshot. Thread-safe.</summary>
internal interface IUsagePolicyProvider
{
    UsagePolicy Current { get; }
}
