namespace Switchboard.Knowledge.Retrieval;

/// <summary>Which document version a chunk id belongs to; a chunk is visible only while that version is the document's ready one.</summary>
internal readonly record struct IndexedChunk(string DocumentId, int Version);
