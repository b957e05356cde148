namespace Switchboard.Knowledge.Vectors.Persistence;

/// <summary>
/// The saved-index format shared by all vector indexes: little-endian; a header (magic <c>SBVX</c>, format
/// version, kind, precision, dimensions, count), the index's own payload (options, ids, rows, graph), and an end
/// marker that exposes truncated files. Saving is atomic: write a temp file beside the target, flush it to disk,
/// rename over the target. Stateless; thread-safe.
/// </summary>
internal static class VectorIndexFile
{
    /// <summary>Bumped on any change to any payload; files of another version are refused, not guessed at.</summary>
    public const int FormatVersion = 1;

    private const int Magic = 0x58564253; // "SBVX"
    private const int EndMarker = 0x444E4558; // "XEND"

    public static void Save(string path, Action<BinaryWriter> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var target = Path.GetFullPath(path);
        // Same directory as the target, so the rename never crosses file systems and stays atomic.
        var temp = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            using (var writer = new BinaryWriter(stream))
            {
                write(writer);
                writer.Write(EndMarker);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public static T Load<T>(string path, Func<BinaryReader, T> read)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(read);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        using var reader = new BinaryReader(stream);
        try
        {
            var index = read(reader);
            if (reader.ReadInt32() != EndMarker)
            {
                throw new InvalidDataException($"'{path}' has data after the index: it is not a vector index file of this format.");
            }

            return index;
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"'{path}' ends early: the vector index file is truncated.", ex);
        }
    }

    /// <summary>Opens any saved vector index, whatever its kind.</summary>
    public static IVectorIndex Load(string path) => Load<IVectorIndex>(path, ReadAny);

    public static IVectorIndex ReadAny(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = ReadHeader(reader, expected: null);
        return header.Kind switch
        {
            VectorIndexKind.Flat => FlatVectorIndex.ReadBody(reader, header),
            VectorIndexKind.Hnsw => HnswVectorIndex.ReadBody(reader, header, random: null),
            _ => AdaptiveVectorIndex.ReadBody(reader, header),
        };
    }

    public static void WriteHeader(BinaryWriter writer, VectorFileHeader header)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write((byte)header.Kind);
        writer.Write((byte)header.Precision);
        writer.Write((short)0); // reserved, keeps the ints aligned
        writer.Write(header.Dimensions);
        writer.Write(header.Count);
    }

    /// <summary>Reads and checks a header; <paramref name="expected"/> (when given) must match the file's kind.</summary>
    public static VectorFileHeader ReadHeader(BinaryReader reader, VectorIndexKind? expected)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.ReadInt32() != Magic)
        {
            throw new InvalidDataException("Not a Switchboard vector index file (bad magic).");
        }

        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"The vector index file has format version {version}; this build reads version {FormatVersion}. Rebuild the index.");
        }

        var kind = (VectorIndexKind)reader.ReadByte();
        var precision = (VectorPrecision)reader.ReadByte();
        reader.ReadInt16();
        var dimensions = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (!Enum.IsDefined(kind) || !Enum.IsDefined(precision) || dimensions <= 0 || count < 0)
        {
            throw new InvalidDataException($"Corrupt vector index header (kind {kind}, precision {precision}, {dimensions} dimensions, {count} vectors).");
        }

        // Every vector takes at least one byte per dimension: a larger claim is corruption, refused before allocating for it.
        if (reader.BaseStream.CanSeek && (long)count * dimensions > reader.BaseStream.Length)
        {
            throw new InvalidDataException($"Corrupt vector index header: {count} vectors of {dimensions} dimensions cannot fit in {reader.BaseStream.Length} bytes.");
        }

        if (expected is { } wanted && kind != wanted)
        {
            throw new InvalidDataException($"The file holds a {kind} vector index, not a {wanted} one; open it with {kind}VectorIndex.Load or VectorIndexFile.Load.");
        }

        return new VectorFileHeader(kind, precision, dimensions, count);
    }
}
