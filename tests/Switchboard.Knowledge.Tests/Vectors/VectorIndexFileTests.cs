using Switchboard.Knowledge.Vectors;
using Switchboard.Knowledge.Vectors.Persistence;

namespace Switchboard.Knowledge.Tests.Vectors;

public sealed class VectorIndexFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sb-vector-file-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_FileOfAnotherKind_ThrowsNamingBothKinds()
    {
        var path = SavedFlat();

        var error = Assert.Throws<InvalidDataException>(() => HnswVectorIndex.Load(path));

        Assert.Contains("Flat", error.Message, StringComparison.Ordinal);
        Assert.Contains("Hnsw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileOfAnotherFormatVersion_ThrowsAskingForARebuild()
    {
        var path = SavedFlat();
        Patch(path, offset: 4, BitConverter.GetBytes(VectorIndexFile.FormatVersion + 1));

        var error = Assert.Throws<InvalidDataException>(() => FlatVectorIndex.Load(path));

        Assert.Contains($"version {VectorIndexFile.FormatVersion + 1}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_HeaderClaimingMoreVectorsThanTheFileHolds_ThrowsBeforeAllocating()
    {
        var path = SavedFlat();
        Patch(path, offset: 16, BitConverter.GetBytes(int.MaxValue)); // magic, version, kind, precision, reserved, dimensions, then count

        Assert.Throws<InvalidDataException>(() => FlatVectorIndex.Load(path));
    }

    [Fact]
    public void Load_NotAnIndexFile_Throws()
    {
        var path = Path.Combine(_directory, "notes.txt");
        File.WriteAllText(path, "just some text, long enough to hold a header");

        Assert.Throws<InvalidDataException>(() => VectorIndexFile.Load(path));
    }

    [Fact]
    public void Load_TruncatedFile_Throws()
    {
        var path = SavedFlat();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^40]);

        Assert.Throws<InvalidDataException>(() => FlatVectorIndex.Load(path));
    }

    [Fact]
    public void Load_AnyKind_OpensTheRightIndex()
    {
        using var graph = new HnswVectorIndex(8);
        graph.Upsert(1, [1, 2, 3, 4, 5, 6, 7, 8]);
        var path = Path.Combine(_directory, "graph.bin");
        graph.Save(path);

        using var loaded = VectorIndexFile.Load(path);

        Assert.IsType<HnswVectorIndex>(loaded);
        Assert.True(loaded.Contains(1));
    }

    [Fact]
    public void Save_OverExistingFile_ReplacesIt()
    {
        var path = SavedFlat();
        using var index = new FlatVectorIndex(8);
        index.Upsert(99, [8, 7, 6, 5, 4, 3, 2, 1]);

        index.Save(path);

        using var loaded = FlatVectorIndex.Load(path);
        Assert.Equal(1, loaded.Count);
        Assert.True(loaded.Contains(99));
    }

    private string SavedFlat()
    {
        using var index = new FlatVectorIndex(8);
        for (var i = 0; i < 10; i++)
        {
            index.Upsert(i, [i + 1, 2, 3, 4, 5, 6, 7, 8]);
        }

        var path = Path.Combine(_directory, "flat.bin");
        index.Save(path);
        return path;
    }

    private static void Patch(string path, int offset, byte[] bytes)
    {
        using var stream = File.OpenWrite(path);
        stream.Position = offset;
        stream.Write(bytes);
    }
}
