using Switchboard.Local.Gguf;

namespace Switchboard.Bench.Local.Models;

/// <summary>
/// Writes a Llama-architecture GGUF with random F16 weights of a given <see cref="LlamaShape"/>: the metadata
/// llama.cpp's loader requires for <c>llama</c>, a synthetic SPM vocabulary and the tensors under llama.cpp's
/// names with its dimension order (<c>ne</c>: input width first, so <c>attn_q</c> is {dim, dim} and
/// <c>ffn_down</c> {ffn, dim}). Norm weights are F32 ones. The output rows of the control and byte tokens are
/// zero, so greedy decoding never picks end-of-sequence and every generated token is one <c>tokN</c> piece.
/// </summary>
internal static class SyntheticLlamaModel
{
    /// <summary>±range of the uniform weights: a standard deviation of 0.02, the usual initialisation.</summary>
    private const float WeightRange = 0.0346f;

    public static void Write(string path, LlamaShape shape, ulong seed)
    {
        var gguf = Describe(shape);
        var random = new RandomWeights(seed);
        var temporary = path + ".partial";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            gguf.WriteTo(stream, (tensor, output) =>
            {
                if (tensor.Type == GgmlType.F32)
                {
                    random.WriteConstantFloats(output, tensor.Elements, 1f);
                }
                else
                {
                    var zeros = tensor.Name == "output.weight" ? (long)SyntheticVocabulary.ReservedTokens * shape.Dim : 0;
                    random.WriteHalves(output, tensor.Elements, WeightRange, zeros);
                }
            });
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static GgufFileWriter Describe(LlamaShape shape)
    {
        var gguf = new GgufFileWriter()
            .Add("general.architecture", "llama")
            .Add("general.name", "switchboard-bench-random")
            .Add("general.file_type", 1u) // LLAMA_FTYPE_MOSTLY_F16
            .Add("llama.context_length", (uint)shape.Context)
            .Add("llama.embedding_length", (uint)shape.Dim)
            .Add("llama.block_count", (uint)shape.Layers)
            .Add("llama.feed_forward_length", (uint)shape.Ffn)
            .Add("llama.attention.head_count", (uint)shape.Heads)
            .Add("llama.attention.head_count_kv", (uint)shape.KvHeads)
            .Add("llama.rope.dimension_count", (uint)shape.HeadDim)
            .Add("llama.rope.freq_base", 10000f)
            .Add("llama.attention.layer_norm_rms_epsilon", 1e-5f)
            .Add("llama.vocab_size", (uint)shape.Vocab)
            .Add("tokenizer.ggml.model", "llama")
            .Add("tokenizer.ggml.tokens", SyntheticVocabulary.Tokens(shape.Vocab))
            .Add("tokenizer.ggml.scores", SyntheticVocabulary.Scores(shape.Vocab))
            .Add("tokenizer.ggml.token_type", SyntheticVocabulary.TokenTypes(shape.Vocab))
            .Add("tokenizer.ggml.bos_token_id", (uint)SyntheticVocabulary.Bos)
            .Add("tokenizer.ggml.eos_token_id", (uint)SyntheticVocabulary.Eos)
            .Add("tokenizer.ggml.unknown_token_id", (uint)SyntheticVocabulary.Unknown)
            .Add("tokenizer.ggml.add_bos_token", true)
            .Add("tokenizer.ggml.add_eos_token", false);

        long dim = shape.Dim, kv = shape.KvDim, ffn = shape.Ffn, vocab = shape.Vocab;
        gguf.AddTensor("token_embd.weight", GgmlType.F16, dim, vocab)
            .AddTensor("output_norm.weight", GgmlType.F32, dim)
            .AddTensor("output.weight", GgmlType.F16, dim, vocab);
        for (var i = 0; i < shape.Layers; i++)
        {
            gguf.AddTensor($"blk.{i}.attn_norm.weight", GgmlType.F32, dim)
                .AddTensor($"blk.{i}.attn_q.weight", GgmlType.F16, dim, dim)
                .AddTensor($"blk.{i}.attn_k.weight", GgmlType.F16, dim, kv)
                .AddTensor($"blk.{i}.attn_v.weight", GgmlType.F16, dim, kv)
                .AddTensor($"blk.{i}.attn_output.weight", GgmlType.F16, dim, dim)
                .AddTensor($"blk.{i}.ffn_norm.weight", GgmlType.F32, dim)
                .AddTensor($"blk.{i}.ffn_gate.weight", GgmlType.F16, dim, ffn)
                .AddTensor($"blk.{i}.ffn_down.weight", GgmlType.F16, ffn, dim)
                .AddTensor($"blk.{i}.ffn_up.weight", GgmlType.F16, dim, ffn);
        }

        return gguf;
    }
}
