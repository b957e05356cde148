using System.Buffers.Binary;
using Switchboard.Local.Gguf;

namespace Switchboard.Local.Tests.Gguf;

/// <summary>Malformed files end in a <see cref="GgufFormatException"/> that names the file and the problem, never another exception.</summary>
public sealed class GgufBadFileTests
{
    private static readonly byte[] Stories = File.ReadAllBytes(SharedModels.Stories260K);

    [Theory]
    [InlineData(0, "not a GGUF file")]
    [InlineData(3, "not a GGUF file")]
    [InlineData(4, "truncated")]
    [InlineData(10, "truncated")]
    [InlineData(24, "truncated")]
    [InlineData(100, "truncated")]
    [InlineData(5_000, "truncated")]
    [InlineData(14_000, "truncated")]
    [InlineData(14_176, "truncated")] // header complete, no tensor data
    [InlineData(600_000, "truncated")]
    [InlineData(1_185_375, "truncated")] // one byte short
    public void Read_TruncatedCopy_FailsNamingTheFileAndTheProblem(int length, string problem)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("gguf-trunc-").FullName, $"stories-{length}.gguf");
        File.WriteAllBytes(path, Stories.AsSpan(0, length).ToArray());

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(path));

        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void Read_EveryTruncationOfTheHeader_ThrowsOnlyFormatExceptions()
    {
        for (var length = 0; length <= 14_200; length++)
        {
            var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(Stories, 0, length), "cut.gguf"));
            Assert.StartsWith("cut.gguf: ", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_CorruptedHeaderBytes_ParseOrThrowOnlyFormatExceptions()
    {
        var random = new Random(4);
        for (var round = 0; round < 2_000; round++)
        {
            var copy = (byte[])Stories.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                copy[random.Next(4, 14_176)] = (byte)random.Next(256);
            }

            try
            {
                GgufReader.Read(new MemoryStream(copy), "fuzz.gguf");
            }
            catch (GgufFormatException)
            {
            }
        }
    }

    [Fact]
    public void Read_RandomBytes_IsNotGguf()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes), "noise.bin"));

        Assert.Contains("not a GGUF file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RandomBytesAfterAValidMagic_ThrowsOnlyFormatExceptions()
    {
        var random = new Random(11);
        for (var round = 0; round < 500; round++)
        {
            var bytes = new byte[random.Next(8, 2048)];
            random.NextBytes(bytes);
            "GGUF"u8.CopyTo(bytes);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 3);
            try
            {
                GgufReader.Read(new MemoryStream(bytes), "noise.gguf");
            }
            catch (GgufFormatException)
            {
            }
        }
    }

    [Fact]
    public void Read_WrongMagic_SaysWhatItFound()
    {
        var error = Read(new TestGgufWriter { Magic = "GGML" });

        Assert.Contains("not a GGUF file", error.Message, StringComparison.Ordinal);
        Assert.Contains("'GGML'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1u, "unsupported GGUF version 1")]
    [InlineData(4u, "unsupported GGUF version 4")]
    [InlineData(0x03000000u, "big-endian")]
    public void Read_UnsupportedVersion_IsRefused(uint version, string message) =>
        Assert.Contains(message, Read(new TestGgufWriter { Version = version }).Message, StringComparison.Ordinal);

    [Fact]
    public void Read_UnknownValueType_IsNamed() =>
        Assert.Contains("unknown value type 13", Read(new TestGgufWriter().Add("odd", (GgufValueType)13, 0)).Message, StringComparison.Ordinal);

    [Fact]
    public void Read_UnknownArrayElementType_IsNamed() =>
        Assert.Contains("unknown value type 99",
            Read(new TestGgufWriter().Add("odd", GgufValueType.Array, new TestArray((GgufValueType)99, []))).Message, StringComparison.Ordinal);

    [Fact]
    public void Read_BoolOtherThanZeroOrOne_IsCorrupt() =>
        Assert.Contains("bool of 2", Read(new TestGgufWriter().Add("flag", GgufValueType.Bool, (byte)2)).Message, StringComparison.Ordinal);

    [Fact]
    public void Read_StringLongerThanTheFile_IsRefusedWithoutAllocating()
    {
        var bytes = new TestGgufWriter().Add("general.name", GgufValueType.String, "tiny").ToArray();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(24 + 8 + "general.name".Length + 4), ulong.MaxValue / 2);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes), "long.gguf"));

        Assert.Contains("truncated or corrupt", error.Message, StringComparison.Ordinal);
        Assert.Contains("'general.name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ArrayClaimingMoreElementsThanTheFileHolds_IsRefused()
    {
        var writer = new TestGgufWriter().Add("tokenizer.ggml.tokens", GgufValueType.Array, new TestArray(GgufValueType.String, ["a"], Count: 1L << 40));

        Assert.Contains("claims 1099511627776 elements", Read(writer).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8)] // tensor count
    [InlineData(16)] // metadata count
    public void Read_AbsurdCounts_AreRefusedWithoutAllocating(int offset)
    {
        var bytes = new TestGgufWriter().Add("a", GgufValueType.UInt8, 1).ToArray();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(offset), ulong.MaxValue);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes), "counts.gguf"));

        Assert.Contains("cannot fit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ArraysNestedTooDeep_AreRefused()
    {
        object value = new TestArray(GgufValueType.UInt8, [(byte)1]);
        for (var i = 0; i < 10; i++)
        {
            value = new TestArray(GgufValueType.Array, [value]);
        }

        Assert.Contains("nested more than", Read(new TestGgufWriter().Add("deep", GgufValueType.Array, value)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateKey_IsRefused() =>
        Assert.Contains("duplicate key 'a'",
            Read(new TestGgufWriter().Add("a", GgufValueType.UInt8, 1).Add("a", GgufValueType.UInt8, 2)).Message, StringComparison.Ordinal);

    [Fact]
    public void Read_UnknownTensorType_IsNamed() =>
        Assert.Contains("unsupported tensor type 99 for tensor 'w'",
            Read(new TestGgufWriter().AddTensor("w", (GgmlType)99, [32])).Message, StringComparison.Ordinal);

    [Fact]
    public void Read_TooManyDimensions_IsRefused() =>
        Assert.Contains("5 dimensions", Read(new TestGgufWriter().AddTensor("w", GgmlType.F32, [1, 1, 1, 1, 1])).Message, StringComparison.Ordinal);

    [Fact]
    public void Read_ShapeOverflowingLong_IsRefused() =>
        Assert.Contains("impossible shape",
            Read(new TestGgufWriter().AddTensor("w", GgmlType.F32, [1L << 40, 1L << 40])).Message, StringComparison.Ordinal);

    [Fact]
    public void Read_RowNotAWholeNumberOfBlocks_IsRefused() =>
        Assert.Contains("whole number of Q4_0 blocks", Read(new TestGgufWriter().AddTensor("w", GgmlType.Q4_0, [33])).Message, StringComparison.Ordinal);

    [Fact]
    public void Read_MisalignedTensorOffset_IsRefused() =>
        Assert.Contains("not a multiple of the alignment 32",
            Read(new TestGgufWriter().AddTensor("w", GgmlType.F32, [8], offset: 4)).Message, StringComparison.Ordinal);

    [Fact]
    public void Read_BadAlignment_IsRefused() =>
        Assert.Contains("general.alignment must be a u32 power of two",
            Read(new TestGgufWriter().Add("general.alignment", GgufValueType.UInt32, 24u)).Message, StringComparison.Ordinal);

    [Fact]
    public void Read_MissingFile_IsAnIoErrorNotAFormatError() =>
        Assert.Throws<FileNotFoundException>(() => GgufReader.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".gguf")));

    private static GgufFormatException Read(TestGgufWriter writer) =>
        Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(writer.ToArray()), "built.gguf"));
}
