namespace Switchboard.Bench.Local.Models;

/// <summary>The shape of a synthetic Llama model: what <c>generate-model</c> writes and llama.cpp reads back.</summary>
/// <param name="Dim">Embedding width (<c>llama.embedding_length</c>).</param>
/// <param name="Layers">Transformer blocks.</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="KvHeads">Key/value heads (fewer than <paramref name="Heads"/> is grouped-query attention).</param>
/// <param name="Ffn">Feed-forward width.</param>
/// <param name="Vocab">Vocabulary size, including the 3 control and 256 byte tokens.</param>
/// <param name="Context">Trained context length.</param>
internal sealed record LlamaShape(int Dim, int Layers, int Heads, int KvHeads, int Ffn, int Vocab, int Context)
{
    public int HeadDim => Dim / Heads;

    public int KvDim => HeadDim * KvHeads;

    /// <summary>Why the shape cannot make a model llama.cpp loads, or null.</summary>
    public string? Problem() => this switch
    {
        { Dim: < 32 } or { Layers: < 1 } or { Heads: < 1 } or { Ffn: < 32 } or { Context: < 64 } => "dim, ffn ≥ 32, layers and heads ≥ 1, context ≥ 64",
        _ when Dim % 32 != 0 || Ffn % 32 != 0 => "dim and ffn must be multiples of 32 (the Q4_0/Q8_0 block size)",
        _ when Dim % Heads != 0 || HeadDim % 2 != 0 => "dim must split into heads of an even width",
        _ when KvHeads < 1 || Heads % KvHeads != 0 => "heads must be a multiple of kv-heads",
        _ when Vocab < SyntheticVocabulary.ReservedTokens + 1 => $"vocab must exceed {SyntheticVocabulary.ReservedTokens} (control and byte tokens)",
        _ => null,
    };
}
