namespace Switchboard.Gateway.Configuration;

/// <summary>The <c>usage</c> section: the usage ledger (docs/usage-analytics.md). <see cref="QueueCapacity"/> and <see cref="BatchSize"/> are read at start-up.</summary>
public sealed record UsageConfig
{
    /// <summary>Whether every request is recorded in the ledger.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Rows older than this many days are deleted once a day; 0 keeps them forever.</summary>
    public int RetentionDays { get; set; } = 400;

    /// <summary>Rows waiting in memory for the writer; beyond this they are appended to a spill file.</summary>
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>Most rows written in one transaction.</summary>
    public int BatchSize { get; set; } = 500;
}
