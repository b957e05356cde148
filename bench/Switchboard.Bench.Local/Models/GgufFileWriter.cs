using System.Text;
using Switchboard.Local.Gguf;

namespace Switchboard.Bench.Local.Models;

/// <summary>
/// Writes a GGUF v3 file front to back without holding the weights in memory: metadata and tensor infos
/// are collected first, then <see cref="WriteTo"/> lays out the header, pads to the alignment and asks for
/// each tensor's bytes in order. Little-endian, as llama.cpp expects. Not thread-safe.
/// </summary>
internal sealed class GgufFileWriter
{
    private const uint Version = 3;

    private readonly List<Action<BinaryWriter>> _metadata = [];
    private readonly List<GgufTensorSpec> _tensors = [];

    public GgufFileWriter(int alignment = 32)
    {
        Alignment = alignment;
        Add("general.alignment", GgufValueType.UInt32, w => w.Write((uint)alignment));
    }

    public int Alignment { get; }

    public IReadOnlyList<GgufTensorSpec> Tensors => _tensors;

    public GgufFileWriter Add(string key, string value) => Add(key, GgufValueType.String, w => WriteString(w, value));

    public GgufFileWriter Add(string key, uint value) => Add(key, GgufValueType.UInt32, w => w.Write(value));

    public GgufFileWriter Add(string key, float value) => Add(key, GgufValueType.Float32, w => w.Write(value));

    public GgufFileWriter Add(string key, bool value) => Add(key, GgufValueType.Bool, w => w.Write((byte)(value ? 1 : 0)));

    public GgufFileWriter Add(string key, string[] values) => AddArray(key, GgufValueType.String, values.Length, w => Array.ForEach(values, v => WriteString(w, v)));

    public GgufFileWriter Add(string key, float[] values) => AddArray(key, GgufValueType.Float32, values.Length, w => Array.ForEach(values, w.Write));

    public GgufFileWriter Add(string key, int[] values) => AddArray(key, GgufValueType.Int32, values.Length, w => Array.ForEach(values, w.Write));

    public GgufFileWriter AddTensor(string name, GgmlType type, params long[] dimensions)
    {
        _tensors.Add(new GgufTensorSpec(name, type, dimensions));
        return this;
    }

    /// <summary>Writes the file; <paramref name="writeData"/> must write exactly <see cref="GgufTensorSpec.Bytes"/> bytes per tensor.</summary>
    public void WriteTo(Stream stream, Action<GgufTensorSpec, Stream> writeData)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write("GGUF"u8);
        writer.Write(Version);
        writer.Write((ulong)_tensors.Count);
        writer.Write((ulong)_metadata.Count);
        foreach (var entry in _metadata)
        {
            entry(writer);
        }

        long offset = 0;
        foreach (var tensor in _tensors)
        {
            WriteString(writer, tensor.Name);
            writer.Write((uint)tensor.Dimensions.Length);
            foreach (var d in tensor.Dimensions)
            {
                writer.Write((ulong)d);
            }

            writer.Write((uint)tensor.Type);
            writer.Write((ulong)offset);
            offset = Align(offset + tensor.Bytes);
        }

        writer.Flush();
        Pad(stream);
        foreach (var tensor in _tensors)
        {
            var start = stream.Position;
            writeData(tensor, stream);
            if (stream.Position - start != tensor.Bytes)
            {
                throw new InvalidOperationException($"tensor {tensor.Name}: wrote {stream.Position - start} bytes, expected {tensor.Bytes}");
            }

            Pad(stream);
        }
    }

    private GgufFileWriter Add(string key, GgufValueType type, Action<BinaryWriter> value)
    {
        _metadata.Add(w =>
        {
            WriteString(w, key);
            w.Write((uint)type);
            value(w);
        });
        return this;
    }

    private GgufFileWriter AddArray(string key, GgufValueType elementType, int count, Action<BinaryWriter> items) =>
        Add(key, GgufValueType.Array, w =>
        {
            w.Write((uint)elementType);
            w.Write((ulong)count);
            items(w);
        });

    private long Align(long value) => (value + Alignment - 1) / Alignment * Alignment;

    private void Pad(Stream stream)
    {
        var padding = (int)(Align(stream.Position) - stream.Position);
        Span<byte> zeros = stackalloc byte[Alignment];
        zeros.Clear();
        stream.Write(zeros[..padding]);
    }

    private static void WriteString(BinaryWriter writer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }
}
