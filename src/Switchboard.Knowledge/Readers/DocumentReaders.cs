// PLACEHOLDER until the readers work is merged.
using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Readers;

internal sealed class DocumentReaders
{
    public IReadOnlyCollection<string> SupportedExtensions { get; } = [".txt", ".md"];

    public ParsedDocument Read(Stream content, string fileName, ReaderLimits limits, CancellationToken cancellationToken)
    {
        if (!SupportedExtensions.Contains(Path.GetExtension(fileName).ToLowerInvariant()))
        {
            throw new DocumentReadException($"Unsupported file type '{Path.GetExtension(fileName)}'.");
        }

        using var reader = new StreamReader(content);
        var text = reader.ReadToEnd();
        return new ParsedDocument(Path.GetFileNameWithoutExtension(fileName),
            [.. text.Split("\n\n").Where(p => p.Trim().Length > 0).Select(p => new DocumentBlock(p.StartsWith('#') ? BlockKind.Heading : BlockKind.Paragraph, p.Trim().TrimStart('#').Trim(), p.StartsWith('#') ? 1 : 0))]);
    }
}
