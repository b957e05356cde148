using System.Text;
using Switchboard.Local.Gguf;

namespace Switchboard.Local.Tests.Gguf;

/// <summary>
/// Writes small GGUF files for tests, independently of the reader: header, metadata of any type (including
/// deliberately wrong tags and values), tensor infos and zero-filled tensor data laid out at the alignment.
/// </summary>
internal sealed class TestGgufWriter
{
    private readonly List<(string Key, GgufValueType Type, object Value)> _metadata = [];
    private readonly List<(string Name, GgmlType Type, long[] Dimensions, long? Offset)> _tensors = [];

    public string Magic { get; init; } = "GGUF";

    public uint Version { get; init; } = 3;

    public int Alignment { get; init; } = 32;

    /// <summary>Adds a key. Arrays are <see cref="TestArray"/>; values are written in the width of <paramref name="type"/>.</summary>
    public TestGgufWriter Add(string key, GgufValueType type, object value)
    {
        _metadata.Add((key, type, value));
        return this;
    }

    /// <summary>Adds a tensor info; its data offset is laid out automatically unless <paramref name="offset"/> is given.</summary>
    public TestGgufWriter AddTensor(string name, GgmlType type, long[] dimensions, long? offset = null)
    {
        _tensors.Add((name, type, dimensions, offset));
        return this;
    }

    public byte[] ToArray(bool includeData = true)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Encoding.ASCII.GetBytes(Magic));
        writer.Write(Version);
        writer.Write((ulong)_tensors.Count);
        writer.Write((ulong)_metadata.Count);
        foreach (var (key, type, value) in _metadata)
        {
            WriteString(writer, key);
            writer.Write((uint)type);
            WriteValue(writer, type, value);
        }

        long next = 0;
        long end = 0;
        foreach (var (name, type, dimensions, offset) in _tensors)
        {
            WriteString(writer, name);
            writer.Write((uint)dimensions.Length);
            foreach (var d in dimensions)
            {
                writer.Write((ulong)d);
            }

            writer.Write((uint)type);
            var at = offset ?? next;
            writer.Write((ulong)at);
            var bytes = GgmlTypeTraits.IsKnown(type) ? GgmlTypeTraits.ByteCount(type, dimensions.Aggregate(1L, (a, b) => a * b)) : 0;
            end = Math.Max(end, at + bytes);
            next = Align(at + bytes);
        }

        if (includeData)
        {
            writer.Flush();
            var dataStart = Align(stream.Length);
            stream.SetLength(dataStart + end);
        }

        writer.Flush();
        return stream.ToArray();
    }

    public string WriteTo(string path)
    {
        File.WriteAllBytes(path, ToArray());
        return path;
    }

    private long Align(long value) => (value + Alignment - 1) / Alignment * Alignment;

    private static void WriteString(BinaryWriter writer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }

    private static void WriteValue(BinaryWriter writer, GgufValueType type, object value)
    {
        switch (type)
        {
            case GgufValueType.UInt8: writer.Write(Convert.ToByte(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.Int8: writer.Write(Convert.ToSByte(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.UInt16: writer.Write(Convert.ToUInt16(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.Int16: writer.Write(Convert.ToInt16(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.UInt32: writer.Write(Convert.ToUInt32(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.Int32: writer.Write(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.Float32: writer.Write(Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.Bool: writer.Write(value is bool b ? (byte)(b ? 1 : 0) : Convert.ToByte(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.String: WriteString(writer, (string)value); break;
            case GgufValueType.UInt64: writer.Write(Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.Int64: writer.Write(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.Float64: writer.Write(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case GgufValueType.Array:
                var array = (TestArray)value;
                writer.Write((uint)array.ElementType);
                writer.Write(array.Count ?? (ulong)array.Items.Count);
                foreach (var item in array.Items)
                {
                    WriteValue(writer, array.ElementType, item);
                }

                break;
            default: break; // an unknown tag is written with no value, as a corrupt file would have it
        }
    }
}
