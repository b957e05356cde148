namespace Switchboard.Knowledge.Store;

/// <summary>
/// One document and its ingestion job. <paramref name="Version"/> is the content being processed;
/// <paramref name="ReadyVersion"/> is the content searches see, so a re-upload replaces the old version only when
/// the new one is fully indexed. <paramref name="Name"/> (file name or URL) identifies it within its collection.
/// </summary>
internal sealed record DocumentRecord(
    string Id,
    string Tenant,
    string CollectionId,
    string Name,
    string? SourceUrl,
    string? ContentType,
    long Size,
    string ContentHash,
    IReadOnlyList<string> Tags,
    string? Title,
    int? Pages,
    int Chunks,
    string Status,
    string? Error,
    int Version,
    int? ReadyVersion,
    int Attempts,
    string? UploadedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
