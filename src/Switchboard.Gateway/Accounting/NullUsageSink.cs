namespace Switchboard.Gateway.Accounting;

/// <summary>Records nothing: the gateway without a ledger (tests of the gateway alone, <c>usage.enabled: false</c>).</summary>
internal sealed class NullUsageSink : IUsageSink
{
    public void Record(UsageEntry entry)
    {
    }
}
