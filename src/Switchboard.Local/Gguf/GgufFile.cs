namespace Switchboard.Local.Gguf;

/// <summary>
/// The parsed header of a GGUF file: version, metadata, tensor infos and where the tensor data begins.
/// Produced by <see cref="GgufReader"/>; holds no file handle. Immutable and thread-safe.
/// </summary>
/// <param name="Path">The file it was read from.</param>
/// <param name="Version">The GGUF version (2 or 3).</param>
/// <param name="FileSize">The file size in bytes.</param>
/// <param name="Metadata">The key/value pairs.</param>
/// <param name="Tensors">The tensor infos, in file order.</param>
/// <param name="Alignment">The data alignment (<c>general.alignment</c>, default 32).</param>
/// <param name="DataOffset">The absolute offset of the tensor data section.</param>
internal sealed record GgufFile(
    string Path,
    int Version,
    long FileSize,
    GgufMetadata Metadata,
    IReadOnlyList<GgufTensorInfo> Tensors,
    int Alignment,
    long DataOffset)
{
    /// <summary>The alignment used when <c>general.alignment</c> is absent.</summary>
    public const int DefaultAlignment = 32;

    /// <summary>The sum of every tensor's data size (padding between tensors not included).</summary>
    public long TensorDataBytes => Tensors.Sum(t => t.ByteCount);
}
