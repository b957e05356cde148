using Switchboard.Local.Gguf;

namespace Switchboard.Local.Tests.Gguf;

/// <summary>Files built by <see cref="TestGgufWriter"/> read back value for value.</summary>
public sealed class GgufRoundTripTests
{
    [Theory]
    [InlineData(2u)]
    [InlineData(3u)]
    public void Read_EveryValueType_RoundTrips(uint version)
    {
        var bytes = new TestGgufWriter { Version = version }
            .Add("u8", GgufValueType.UInt8, (byte)200)
            .Add("i8", GgufValueType.Int8, (sbyte)-100)
            .Add("u16", GgufValueType.UInt16, (ushort)65_000)
            .Add("i16", GgufValueType.Int16, (short)-30_000)
            .Add("u32", GgufValueType.UInt32, 4_000_000_000u)
            .Add("i32", GgufValueType.Int32, -2_000_000_000)
            .Add("f32", GgufValueType.Float32, 3.25f)
            .Add("bool.true", GgufValueType.Bool, true)
            .Add("bool.false", GgufValueType.Bool, false)
            .Add("string", GgufValueType.String, "héllo, мир ✓")
            .Add("empty", GgufValueType.String, "")
            .Add("u64", GgufValueType.UInt64, ulong.MaxValue)
            .Add("i64", GgufValueType.Int64, long.MinValue)
            .Add("f64", GgufValueType.Float64, Math.PI)
            .Add("array.i32", GgufValueType.Array, new TestArray(GgufValueType.Int32, [1, -2, 3]))
            .Add("array.string", GgufValueType.Array, new TestArray(GgufValueType.String, ["a", "", "ccc"]))
            .Add("array.bool", GgufValueType.Array, new TestArray(GgufValueType.Bool, [true, false]))
            .Add("array.empty", GgufValueType.Array, new TestArray(GgufValueType.Float64, []))
            .Add("array.nested", GgufValueType.Array, new TestArray(GgufValueType.Array,
                [new TestArray(GgufValueType.UInt8, [(byte)1, (byte)2]), new TestArray(GgufValueType.String, ["x"])]))
            .ToArray();

        var file = GgufReader.Read(new MemoryStream(bytes), "all-types.gguf");

        Assert.Equal((int)version, file.Version);
        var m = file.Metadata;
        Assert.Equal((byte)200, m["u8"]);
        Assert.Equal((sbyte)-100, m["i8"]);
        Assert.Equal((ushort)65_000, m["u16"]);
        Assert.Equal((short)-30_000, m["i16"]);
        Assert.Equal(4_000_000_000u, m["u32"]);
        Assert.Equal(-2_000_000_000, m["i32"]);
        Assert.Equal(3.25f, m["f32"]);
        Assert.Equal(true, m["bool.true"]);
        Assert.Equal(false, m["bool.false"]);
        Assert.Equal("héllo, мир ✓", m.GetString("string"));
        Assert.Equal("", m.GetString("empty"));
        Assert.Equal(ulong.MaxValue, m["u64"]);
        Assert.Equal(long.MinValue, m["i64"]);
        Assert.Equal(Math.PI, m["f64"]);
        Assert.Equal([1, -2, 3], m.GetArray("array.i32")!.Items);
        Assert.Equal(["a", "", "ccc"], m.GetArray("array.string")!.Items);
        Assert.Equal([true, false], m.GetArray("array.bool")!.Items);
        Assert.Equal(0, m.GetArray("array.empty")!.Count);
        var nested = m.GetArray("array.nested")!;
        Assert.Equal(GgufValueType.Array, nested.ElementType);
        Assert.Equal([(byte)1, (byte)2], ((GgufArray)nested.Items[0]).Items);
        Assert.Equal(["x"], ((GgufArray)nested.Items[1]).Items);
        Assert.Equal(4_000_000_000L, m.GetInteger("u32"));
        Assert.Null(m.GetInteger("u64")); // does not fit a long
        Assert.Null(m.GetInteger("string"));
        Assert.Equal(m.Keys, ["u8", "i8", "u16", "i16", "u32", "i32", "f32", "bool.true", "bool.false", "string", "empty", "u64", "i64", "f64",
            "array.i32", "array.string", "array.bool", "array.empty", "array.nested"]);
    }

    [Fact]
    public void Read_ArrayItemLimit_SkipsTheRestOfEveryElementType()
    {
        var bytes = new TestGgufWriter()
            .Add("strings", GgufValueType.Array, new TestArray(GgufValueType.String, ["a", "bb", "ccc", "dddd"]))
            .Add("floats", GgufValueType.Array, new TestArray(GgufValueType.Float32, [1f, 2f, 3f]))
            .Add("nested", GgufValueType.Array, new TestArray(GgufValueType.Array,
                [new TestArray(GgufValueType.UInt8, [(byte)1]), new TestArray(GgufValueType.String, ["x", "y"])]))
            .Add("after", GgufValueType.String, "still in step")
            .ToArray();

        var m = GgufReader.Read(new MemoryStream(bytes), "limit.gguf", new GgufReadOptions { ArrayItemLimit = 1 }).Metadata;

        Assert.Equal(["a"], m.GetArray("strings")!.Items);
        Assert.Equal(4, m.GetArray("strings")!.Count);
        Assert.Equal([1f], m.GetArray("floats")!.Items);
        Assert.Single(m.GetArray("nested")!.Items);
        Assert.Equal("still in step", m.GetString("after"));
    }

    [Fact]
    public void Read_TensorInfos_SizesFromBlockLayoutAndCustomAlignment()
    {
        var bytes = new TestGgufWriter { Alignment = 64 }
            .Add("general.alignment", GgufValueType.UInt32, 64u)
            .AddTensor("q4_0", GgmlType.Q4_0, [64, 2])
            .AddTensor("q4_k", GgmlType.Q4_K, [256, 3])
            .AddTensor("f16", GgmlType.F16, [5])
            .AddTensor("q8_0.3d", GgmlType.Q8_0, [32, 2, 2])
            .ToArray();

        var file = GgufReader.Read(new MemoryStream(bytes), "tensors.gguf");

        Assert.Equal(64, file.Alignment);
        Assert.Equal(0, file.DataOffset % 64);
        Assert.Equal([2 * 2 * 18L, 3 * 144L, 10L, 4 * 34L], file.Tensors.Select(t => t.ByteCount));
        Assert.Equal([0L, 128L, 576L, 640L], file.Tensors.Select(t => t.Offset));
        Assert.Equal([32L, 2L, 2L], file.Tensors[3].Dimensions);
        Assert.Equal(128 + 768 + 5 + 128, file.Tensors.Sum(t => t.ElementCount));
    }

    [Fact]
    public void Create_QuantisedModel_NamesFileTypeDominantTypeAndTemplate()
    {
        var bytes = new TestGgufWriter()
            .Add("general.architecture", GgufValueType.String, "qwen2")
            .Add("general.file_type", GgufValueType.UInt32, 15u)
            .Add("qwen2.context_length", GgufValueType.UInt64, 32_768ul) // some writers use u64
            .Add("qwen2.embedding_length", GgufValueType.UInt32, 512u)
            .Add("qwen2.block_count", GgufValueType.UInt32, 2u)
            .Add("qwen2.attention.head_count", GgufValueType.UInt32, 8u)
            .Add("qwen2.attention.head_count_kv", GgufValueType.UInt32, 2u)
            .Add("qwen2.attention.key_length", GgufValueType.UInt32, 128u)
            .Add("qwen2.attention.value_length", GgufValueType.UInt32, 128u)
            .Add("tokenizer.ggml.model", GgufValueType.String, "gpt2")
            .Add("tokenizer.chat_template", GgufValueType.String, "{% for m in messages %}\n{{ m.content }}\n{% endfor %}")
            .AddTensor("blk.0.attn_q.weight", GgmlType.Q4_K, [512, 512])
            .AddTensor("blk.0.ffn_down.weight", GgmlType.Q6_K, [256, 512])
            .AddTensor("blk.0.attn_norm.weight", GgmlType.F32, [512])
            .ToArray();

        var info = GgufModelInfo.Create(GgufReader.Read(new MemoryStream(bytes), "qwen.gguf"));

        Assert.Equal("qwen2", info.Architecture);
        Assert.Equal("Q4_K_M", info.FileType);
        Assert.Equal(GgmlType.Q4_K, info.DominantTensorType);
        Assert.Equal("Q4_K_M (mostly Q4_K)", info.Quantization);
        Assert.Equal(32_768, info.ContextLength);
        Assert.Equal("gpt2", info.TokenizerModel);
        Assert.Null(info.VocabSize);
        Assert.StartsWith("{% for m in messages %}", info.ChatTemplate, StringComparison.Ordinal);
        Assert.Equal(512 * 512 + 256 * 512 + 512, info.ParameterCount);
        // key_length wins over embedding / heads (64): 2 layers × 1000 positions × (128 + 128) × 2 KV heads × 2 bytes.
        Assert.Equal(2L * 1000 * 256 * 2 * 2, info.EstimateMemory(1000).KvCacheBytes);
    }

    [Fact]
    public void Create_NoTensorsNoMetadata_LeavesUnknownsNull()
    {
        var info = GgufModelInfo.Create(GgufReader.Read(new MemoryStream(new TestGgufWriter().ToArray()), "empty.gguf"));

        Assert.Equal("unknown", info.Architecture);
        Assert.Equal(0, info.ParameterCount);
        Assert.Null(info.DominantTensorType);
        Assert.Equal("unknown", info.Quantization);
        Assert.Null(info.ContextLength);
        Assert.Equal(0, info.EstimateMemory(4096).KvCacheBytes);
    }

    [Theory]
    [InlineData((uint)GgmlType.F32, 1, 4)]
    [InlineData((uint)GgmlType.Q4_0, 32, 18)]
    [InlineData((uint)GgmlType.Q8_0, 32, 34)]
    [InlineData((uint)GgmlType.Q2_K, 256, 84)]
    [InlineData((uint)GgmlType.Q3_K, 256, 110)]
    [InlineData((uint)GgmlType.Q4_K, 256, 144)]
    [InlineData((uint)GgmlType.Q5_K, 256, 176)]
    [InlineData((uint)GgmlType.Q6_K, 256, 210)]
    [InlineData((uint)GgmlType.BF16, 1, 2)]
    public void TypeTraits_MatchGgmlBlockLayouts(uint rawType, int blockSize, int typeSize)
    {
        var type = (GgmlType)rawType;
        Assert.Equal(blockSize, GgmlTypeTraits.BlockSize(type));
        Assert.Equal(typeSize, GgmlTypeTraits.TypeSize(type));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(999, "999")]
    [InlineData(292_800, "293K")]
    [InlineData(999_700, "1M")]
    [InlineData(6_738_415_616, "6.7B")]
    [InlineData(70_553_706_496, "71B")]
    public void Units_Parameters_AreHuman(long count, string expected) => Assert.Equal(expected, GgufUnits.Parameters(count));

    [Theory]
    [InlineData(512, "512 B")]
    [InlineData(1_185_376, "1.1 MiB")]
    [InlineData(4_368_439_296, "4.1 GiB")]
    public void Units_Bytes_AreHuman(long bytes, string expected) => Assert.Equal(expected, GgufUnits.Bytes(bytes));
}
