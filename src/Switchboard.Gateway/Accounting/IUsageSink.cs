namespace Switchboard.Gateway.Accounting;

/// <summary>
/// Where finished requests are recorded (the usage ledger). Called on the request path once per request, so
/// implementations must return at once — queue, never wait on storage — and never throw. Thread-safe.
/// </summary>
public interface IUsageSink
{
    void Record(UsageEntry entry);
}
