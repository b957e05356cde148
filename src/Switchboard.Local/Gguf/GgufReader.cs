using System.Buffers.Binary;

namespace Switchboard.Local.Gguf;

/// <summary>
/// Reads the header of a GGUF file (spec: ggml <c>docs/gguf.md</c>, versions 2 and 3, little-endian): magic,
/// version, metadata, tensor infos and the data-section offset. Tensor data is never read, so even a 70B file is
/// described in milliseconds. Every malformed input ends in a <see cref="GgufFormatException"/> naming the file and
/// the problem. Stateless and thread-safe.
/// </summary>
internal static class GgufReader
{
    private const uint Magic = 0x46554747; // "GGUF" read as a little-endian u32
    private const int MaxDimensions = 4; // GGML_MAX_DIMS

    /// <summary>Reads the header of the file at <paramref name="path"/>.</summary>
    /// <exception cref="GgufFormatException">The file is not a GGUF file this reader understands.</exception>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    public static GgufFile Read(string path, GgufReadOptions? options = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 64 * 1024);
        return Read(stream, path, options);
    }

    /// <summary>Reads a GGUF header from a seekable <paramref name="stream"/> positioned at its start.</summary>
    /// <param name="stream">The file contents.</param>
    /// <param name="path">The name used in error messages and <see cref="GgufFile.Path"/>.</param>
    /// <param name="options">Limits; <see cref="GgufReadOptions.Default"/> when null.</param>
    public static GgufFile Read(Stream stream, string path, GgufReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= GgufReadOptions.Default;
        var reader = new GgufBinaryReader(stream, path, options.MaxStringBytes);

        var (version, tensorCount, kvCount) = ReadHeader(reader);
        var metadata = new GgufMetadata(ReadMetadata(reader, kvCount, options));
        var tensors = ReadTensorInfos(reader, tensorCount);
        var alignment = ReadAlignment(reader, metadata);
        var dataOffset = AlignUp(reader.Position, alignment);
        CheckTensorData(reader, tensors, alignment, dataOffset, stream.Length);
        return new GgufFile(path, version, stream.Length, metadata, tensors, alignment, dataOffset);
    }

    private static (int Version, long TensorCount, long KvCount) ReadHeader(GgufBinaryReader reader)
    {
        if (reader.Remaining < 4)
        {
            throw reader.Error($"not a GGUF file: {reader.Remaining} bytes is too short for the magic");
        }

        var magic = reader.ReadUInt32("magic");
        if (magic != Magic)
        {
            throw reader.Error($"not a GGUF file: the magic is 0x{magic:X8} ('{Printable(magic)}'), expected 'GGUF'");
        }

        var version = reader.ReadUInt32("version");
        if (version is not (2 or 3))
        {
            var swapped = BinaryPrimitives.ReverseEndianness(version);
            throw reader.Error(swapped is 2 or 3
                ? $"unsupported GGUF version: big-endian version {swapped} files are not supported"
                : $"unsupported GGUF version {version} (versions 2 and 3 are supported)");
        }

        // The smallest tensor info is 24 bytes (empty name, no dims) and the smallest key/value 13, so larger
        // counts cannot be genuine and would only drive allocations.
        var tensorCount = reader.ReadUInt64("tensor count");
        var kvCount = reader.ReadUInt64("metadata key/value count");
        if (kvCount > (ulong)(reader.Remaining / 13))
        {
            throw reader.Error($"truncated or corrupt header: {kvCount} metadata key/value pairs cannot fit in the {reader.Remaining} bytes left");
        }

        if (tensorCount > (ulong)(reader.Remaining / 24))
        {
            throw reader.Error($"truncated or corrupt header: {tensorCount} tensors cannot fit in the {reader.Remaining} bytes left");
        }

        return ((int)version, (long)tensorCount, (long)kvCount);
    }

    private static List<KeyValuePair<string, object>> ReadMetadata(GgufBinaryReader reader, long count, GgufReadOptions options)
    {
        var entries = new List<KeyValuePair<string, object>>((int)Math.Min(count, 4096)); // count is untrusted
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (long i = 0; i < count; i++)
        {
            var key = reader.ReadString($"metadata key #{i}");
            if (!seen.Add(key))
            {
                throw reader.Error($"corrupt metadata: duplicate key '{key}'");
            }

            var type = ReadValueType(reader, $"type of metadata key '{key}'");
            entries.Add(new(key, GgufValueReader.Read(reader, type, key, options, depth: 0)));
        }

        return entries;
    }

    internal static GgufValueType ReadValueType(GgufBinaryReader reader, string what)
    {
        var raw = reader.ReadUInt32(what);
        return Enum.IsDefined((GgufValueType)raw)
            ? (GgufValueType)raw
            : throw reader.Error($"corrupt metadata: unknown value type {raw} for the {what}");
    }

    private static List<GgufTensorInfo> ReadTensorInfos(GgufBinaryReader reader, long count)
    {
        var tensors = new List<GgufTensorInfo>((int)Math.Min(count, 4096)); // count is untrusted
        for (long i = 0; i < count; i++)
        {
            var name = reader.ReadString($"name of tensor #{i}");
            var dimensionCount = reader.ReadUInt32($"dimension count of tensor '{name}'");
            if (dimensionCount is 0 or > MaxDimensions)
            {
                throw reader.Error($"corrupt tensor info: tensor '{name}' has {dimensionCount} dimensions (1 to {MaxDimensions} allowed)");
            }

            var dimensions = new long[dimensionCount];
            long elements = 1;
            for (var d = 0; d < dimensionCount; d++)
            {
                var size = reader.ReadUInt64($"dimension {d} of tensor '{name}'");
                if (size > long.MaxValue || (size > 0 && elements > long.MaxValue / (long)size))
                {
                    throw reader.Error($"corrupt tensor info: tensor '{name}' has an impossible shape (dimension {d} is {size})");
                }

                dimensions[d] = (long)size;
                elements *= (long)size;
            }

            var rawType = reader.ReadUInt32($"type of tensor '{name}'");
            var type = (GgmlType)rawType;
            if (!GgmlTypeTraits.IsKnown(type))
            {
                throw reader.Error($"unsupported tensor type {rawType} for tensor '{name}' (unknown ggml type)");
            }

            if (elements / GgmlTypeTraits.BlockSize(type) > long.MaxValue / GgmlTypeTraits.TypeSize(type))
            {
                throw reader.Error($"corrupt tensor info: tensor '{name}' has an impossible shape ({elements} elements of {type})");
            }

            if (dimensions[0] % GgmlTypeTraits.BlockSize(type) != 0)
            {
                throw reader.Error($"corrupt tensor info: tensor '{name}' row of {dimensions[0]} elements is not a whole number of {type} blocks");
            }

            var offset = reader.ReadUInt64($"data offset of tensor '{name}'");
            if (offset > long.MaxValue)
            {
                throw reader.Error($"corrupt tensor info: tensor '{name}' has data offset {offset}");
            }

            tensors.Add(new GgufTensorInfo(name, dimensions, type, (long)offset));
        }

        return tensors;
    }

    private static int ReadAlignment(GgufBinaryReader reader, GgufMetadata metadata)
    {
        if (!metadata.TryGetValue("general.alignment", out var value))
        {
            return GgufFile.DefaultAlignment;
        }

        return value is uint alignment && alignment != 0 && (alignment & (alignment - 1)) == 0 && alignment <= 1 << 30
            ? (int)alignment
            : throw reader.Error($"corrupt metadata: general.alignment must be a u32 power of two, not {value} ({value.GetType().Name})");
    }

    private static void CheckTensorData(GgufBinaryReader reader, List<GgufTensorInfo> tensors, int alignment, long dataOffset, long fileSize)
    {
        var dataSize = fileSize - dataOffset;
        foreach (var tensor in tensors)
        {
            if (tensor.Offset % alignment != 0)
            {
                throw reader.Error($"corrupt tensor info: tensor '{tensor.Name}' data offset {tensor.Offset} is not a multiple of the alignment {alignment}");
            }

            if (tensor.Offset > dataSize || tensor.ByteCount > dataSize - tensor.Offset)
            {
                throw reader.Error(
                    $"truncated: tensor '{tensor.Name}' needs {tensor.ByteCount} bytes at data offset {tensor.Offset}, " +
                    $"but the data section holds only {Math.Max(dataSize, 0)} bytes");
            }
        }
    }

    private static long AlignUp(long position, int alignment) => (position + alignment - 1) / alignment * alignment;

    private static string Printable(uint magic)
    {
        Span<char> chars = stackalloc char[4];
        for (var i = 0; i < 4; i++)
        {
            var b = (byte)(magic >> (8 * i));
            chars[i] = b is >= 0x20 and < 0x7F ? (char)b : '.';
        }

        return new string(chars);
    }
}
