using Switchboard.Gateway.Accounting;

namespace Switchboard.Server.Usage.Ledger;

/// <summary>Stores a batch of ledger rows in one transaction; throws when the database does not take them. The writer's seam to storage.</summary>
internal interface IUsageRowWriter
{
    /// <param name="rows">The batch.</param>
    /// <param name="skipStored">Skip rows an earlier, failed-looking attempt stored after all (retries and spill imports).</param>
    Task WriteAsync(IReadOnlyList<UsageEntry> rows, bool skipStored);
}
