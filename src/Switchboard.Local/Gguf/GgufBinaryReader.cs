using System.Buffers.Binary;
using System.Text;

namespace Switchboard.Local.Gguf;

/// <summary>
/// Little-endian primitive reads over a seekable stream, each checked against the bytes left so that a truncated
/// or corrupt file becomes a <see cref="GgufFormatException"/> instead of an <see cref="EndOfStreamException"/>
/// or a huge allocation. Not thread-safe; one per parse.
/// </summary>
internal sealed class GgufBinaryReader(Stream stream, string path, long maxStringBytes)
{
    private readonly byte[] _scratch = new byte[8];
    private readonly long _length = stream.Length;

    public long Position => stream.Position;

    public long Remaining => _length - stream.Position;

    public byte ReadByte(string what) => Fill(1, what)[0];

    public ushort ReadUInt16(string what) => BinaryPrimitives.ReadUInt16LittleEndian(Fill(2, what));

    public uint ReadUInt32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Fill(4, what));

    public ulong ReadUInt64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Fill(8, what));

    public float ReadSingle(string what) => BinaryPrimitives.ReadSingleLittleEndian(Fill(4, what));

    public double ReadDouble(string what) => BinaryPrimitives.ReadDoubleLittleEndian(Fill(8, what));

    /// <summary>Reads a length-prefixed UTF-8 string (u64 length, no terminator).</summary>
    public string ReadString(string what)
    {
        var length = ReadStringLength(what);
        if (length > maxStringBytes)
        {
            throw Error($"{what}: string of {length} bytes is longer than the {maxStringBytes}-byte limit (corrupt file?)");
        }

        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Skips a length-prefixed string without reading its bytes.</summary>
    public void SkipString(string what) => Skip(ReadStringLength(what), what);

    public void Skip(long bytes, string what)
    {
        Ensure(bytes, what);
        stream.Seek(bytes, SeekOrigin.Current);
    }

    /// <summary>Throws unless <paramref name="bytes"/> more bytes are available.</summary>
    public void Ensure(long bytes, string what)
    {
        if (bytes > Remaining)
        {
            throw Error($"truncated: {what} needs {bytes} bytes at offset {Position} but only {Remaining} remain");
        }
    }

    public GgufFormatException Error(string problem) => new(path, problem);

    private long ReadStringLength(string what)
    {
        var length = ReadUInt64(what + " length");
        if (length > (ulong)Remaining)
        {
            throw Error($"truncated or corrupt: {what} has a length of {length} bytes but only {Remaining} remain at offset {Position}");
        }

        return (long)length;
    }

    private ReadOnlySpan<byte> Fill(int count, string what)
    {
        Ensure(count, what);
        stream.ReadExactly(_scratch, 0, count);
        return _scratch.AsSpan(0, count);
    }
}
