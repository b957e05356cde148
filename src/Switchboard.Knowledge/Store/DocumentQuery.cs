namespace Switchboard.Knowledge.Store;

/// <summary>Filters and paging for listing documents; null filters match everything.</summary>
internal sealed record DocumentQuery
{
    public IReadOnlyCollection<string>? CollectionIds { get; init; }

    public string? Status { get; init; }

    public string? Tag { get; init; }

    /// <summary>A case-insensitive substring of the name or title.</summary>
    public string? Text { get; init; }

    public int Offset { get; init; }

    public int Limit { get; init; } = 50;
}
