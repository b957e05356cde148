namespace Switchboard.Knowledge.Store;

/// <summary>A stored chunk of one document version; <paramref name="Id"/> is the key both indexes use.</summary>
internal sealed record ChunkRecord(
    long Id,
    string DocumentId,
    int Version,
    int Ordinal,
    string Text,
    string Section,
    int? PageStart,
    int? PageEnd,
    int CharStart,
    int CharEnd,
    int Tokens);
