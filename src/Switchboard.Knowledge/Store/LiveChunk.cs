namespace Switchboard.Knowledge.Store;

/// <summary>A searchable chunk as the index rebuild reads it: text and fields for BM25, the embedding when there is one.</summary>
internal sealed record LiveChunk(long Id, string DocumentId, string CollectionId, string? Title, string Section, string Text, float[]? Embedding);
