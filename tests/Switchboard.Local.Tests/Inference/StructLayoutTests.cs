using System.Runtime.CompilerServices;
using Switchboard.Local.Native;

namespace Switchboard.Local.Tests.Inference;

/// <summary>
/// The struct layouts copied from llama.h, checked against the library: the defaults llama.cpp returns
/// through them must be its documented defaults, field by field. A shifted field would show garbage here.
/// </summary>
public sealed unsafe class StructLayoutTests
{
    [Fact]
    public void ContextDefaults_ReadThroughOurLayout_AreLlamaCppsDefaults()
    {
        var defaults = LlamaLibrary.Load().ContextDefaultParams();

        Assert.Equal(160, Unsafe.SizeOf<LlamaContextParams>());
        Assert.Equal(512u, defaults.ContextSize);
        Assert.Equal(2048u, defaults.BatchSize);
        Assert.Equal(512u, defaults.MicroBatchSize);
        Assert.Equal(1u, defaults.MaxSequences);
        Assert.Equal(-1, defaults.FlashAttentionType);
        Assert.Equal(1, defaults.TypeK); // GGML_TYPE_F16
        Assert.Equal(1, defaults.TypeV);
        Assert.Equal(0, defaults.Embeddings);
        Assert.Equal(1, defaults.OffloadKqv);
        Assert.Equal(0, defaults.Samplers);
        Assert.Equal(0, defaults.OtherContext);
    }

    [Fact]
    public void ModelDefaults_ReadThroughOurLayout_AreLlamaCppsDefaults()
    {
        var defaults = LlamaLibrary.Load().ModelDefaultParams();

        Assert.Equal(80, Unsafe.SizeOf<LlamaModelParams>());
        Assert.Equal(-1, defaults.GpuLayers);
        Assert.Equal(-1, defaults.LoadMode);
        Assert.Equal(0, defaults.MainGpu);
        Assert.Equal(0, defaults.VocabOnly);
        Assert.Equal(0, defaults.KvOverrides);
    }

    [Fact]
    public void QuantizeDefaults_ReadThroughOurLayout_AreLlamaCppsDefaults()
    {
        var defaults = LlamaLibrary.Load().QuantizeDefaultParams();

        Assert.Equal(7, defaults.FileType); // LLAMA_FTYPE_MOSTLY_Q8_0 is llama.cpp's default target
        Assert.Equal(1, defaults.QuantizeOutputTensor);
        Assert.Equal(0, defaults.DryRun);
        Assert.Equal(0, defaults.ImportanceMatrix);
    }
}
