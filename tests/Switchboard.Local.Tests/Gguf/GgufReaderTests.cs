using Switchboard.Local.Gguf;

namespace Switchboard.Local.Tests.Gguf;

/// <summary>Values read from the shared models, pinned after printing them once.</summary>
public sealed class GgufReaderTests
{
    [Fact]
    public void Read_Stories260K_ParsesHeaderTensorsAndLayout()
    {
        var file = GgufReader.Read(SharedModels.Stories260K);

        Assert.Equal(3, file.Version);
        Assert.Equal(1_185_376, file.FileSize);
        Assert.Equal(19, file.Metadata.Count);
        Assert.Equal(48, file.Tensors.Count);
        Assert.Equal(32, file.Alignment);
        Assert.Equal(14_176, file.DataOffset);
        Assert.Equal(1_171_200, file.TensorDataBytes);
        Assert.Equal(file.FileSize, file.DataOffset + file.TensorDataBytes);
        var embeddings = file.Tensors[0];
        Assert.Equal("token_embd.weight", embeddings.Name);
        Assert.Equal([64L, 512L], embeddings.Dimensions);
        Assert.Equal(GgmlType.F32, embeddings.Type);
        Assert.Equal(0, embeddings.Offset);
        Assert.Equal(131_072, embeddings.ByteCount);
        Assert.Equal(1e-5f, (float)file.Metadata["llama.attention.layer_norm_rms_epsilon"]);
        Assert.Equal(uint.MaxValue, (uint)file.Metadata["tokenizer.ggml.padding_token_id"]);
    }

    [Fact]
    public void Create_Stories260K_SummarisesTheModel()
    {
        var info = GgufModelInfo.Read(SharedModels.Stories260K);

        Assert.Equal("llama", info.Architecture);
        Assert.Equal("llama", info.Name);
        Assert.Equal(292_800, info.ParameterCount);
        Assert.Equal("293K", GgufUnits.Parameters(info.ParameterCount));
        Assert.Null(info.FileType); // the file has no general.file_type
        Assert.Equal(GgmlType.F32, info.DominantTensorType);
        Assert.Equal("F32", info.Quantization);
        Assert.Equal(new Dictionary<GgmlType, int> { [GgmlType.F32] = 48 }, info.TensorTypeCounts);
        Assert.Equal(2048, info.ContextLength);
        Assert.Equal(64, info.EmbeddingLength);
        Assert.Equal(5, info.BlockCount);
        Assert.Equal(8, info.HeadCount);
        Assert.Equal(4, info.HeadCountKv);
        Assert.Equal(512, info.VocabSize);
        Assert.Equal("llama", info.TokenizerModel);
        Assert.Equal(1, info.BosTokenId);
        Assert.Equal(2, info.EosTokenId);
        Assert.Null(info.ChatTemplate);
        Assert.Equal(1_171_200, info.TensorDataBytes);
    }

    [Fact]
    public void Create_LlamaTinyRandom_SummarisesTheModel()
    {
        var info = GgufModelInfo.Read(SharedModels.LlamaTinyRandom);

        Assert.Equal("llama", info.Architecture);
        Assert.Equal("LLaMA v2", info.Name);
        Assert.Equal(513_048, info.ParameterCount);
        Assert.Equal("F16", info.FileType);
        Assert.Equal(GgmlType.F16, info.DominantTensorType);
        Assert.Equal("F16", info.Quantization);
        Assert.Equal(new Dictionary<GgmlType, int> { [GgmlType.F16] = 9, [GgmlType.F32] = 3 }, info.TensorTypeCounts);
        Assert.Equal(4096, info.ContextLength);
        Assert.Equal(8, info.EmbeddingLength);
        Assert.Equal(1, info.BlockCount);
        Assert.Equal(2, info.HeadCount);
        Assert.Equal(2, info.HeadCountKv);
        Assert.Equal(32_000, info.VocabSize);
        Assert.Equal("llama", info.TokenizerModel);
        Assert.Equal(1_750_560, info.FileSize);
        Assert.Equal(1_026_144, info.TensorDataBytes);
    }

    [Fact]
    public void Read_LargeVocabulary_KeepsOnlyTheFirstItemsUnlessAsked()
    {
        var tokens = GgufReader.Read(SharedModels.LlamaTinyRandom).Metadata.GetArray("tokenizer.ggml.tokens")!;
        Assert.Equal(GgufValueType.String, tokens.ElementType);
        Assert.Equal(32_000, tokens.Count);
        Assert.Equal(GgufReadOptions.Default.ArrayItemLimit, tokens.Items.Count);
        Assert.False(tokens.IsComplete);
        Assert.Equal(["<unk>", "<s>", "</s>", "<0x00>"], tokens.Items.Take(4));

        var all = GgufReader.Read(SharedModels.LlamaTinyRandom, new GgufReadOptions { ArrayItemLimit = int.MaxValue })
            .Metadata.GetArray("tokenizer.ggml.tokens")!;
        Assert.True(all.IsComplete);
        Assert.Equal(tokens.Items, all.Items.Take(tokens.Items.Count));
    }

    [Fact]
    public void EstimateMemory_Stories260K_IsWeightsPlusF16KvCachePlusAllowance()
    {
        var info = GgufModelInfo.Read(SharedModels.Stories260K);

        var estimate = info.EstimateMemory(2048);

        // n_embd_k_gqa = 64 / 8 heads × 4 KV heads = 32; K and V × 5 layers × 2048 positions × 2 bytes.
        Assert.Equal(2L * 5 * 2048 * 32 * 2, estimate.KvCacheBytes);
        Assert.Equal(1_171_200, estimate.WeightsBytes);
        Assert.Equal(GgufMemoryEstimate.ComputeBufferAllowance, estimate.ComputeBytes);
        Assert.Equal(1_171_200 + 1_310_720 + GgufMemoryEstimate.ComputeBufferAllowance, estimate.TotalBytes);
        Assert.Equal(estimate.KvCacheBytes / 2, info.EstimateMemory(1024).KvCacheBytes);
    }
}
