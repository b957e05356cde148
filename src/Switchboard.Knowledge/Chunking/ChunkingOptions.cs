namespace Switchboard.Knowledge.Chunking;

/// <summary>Chunk size and overlap in tokens (approximated without a model tokenizer, see the chunker).</summary>
internal sealed record ChunkingOptions
{
    public int MaxTokens { get; init; } = 350;

    public int OverlapTokens { get; init; } = 50;
}
