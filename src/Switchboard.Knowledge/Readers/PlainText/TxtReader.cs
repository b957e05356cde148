using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Readers.PlainText;

/// <summary>
/// Plain text: the encoding is detected (<see cref="TextDecoder"/>), paragraphs are split at blank lines. The title is
/// the file name. Stateless and thread-safe.
/// </summary>
internal sealed class TxtReader : IDocumentReader
{
    public IReadOnlyCollection<string> Extensions { get; } = [".txt", ".text", ".log"];

    public ParsedDocument Read(Stream content, string fileName, ReaderLimits limits, CancellationToken cancellationToken)
    {
        var decoded = TextDecoder.Decode(StreamBytes.ReadAll(content, limits.MaxDecompressedBytes, cancellationToken));
        var builder = new DocumentBuilder(limits);
        builder.SetMetadata("encoding", decoded.EncodingName);
        PlainTextBlocks.Add(builder, decoded.Text, cancellationToken);
        return builder.Build(fileName);
    }
}
