using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Readers;

/// <summary>
/// Reads one file format into a <see cref="ParsedDocument"/>. Implementations are stateless and thread-safe.
/// A file that cannot be read (corrupt, encrypted, over a limit) throws <see cref="DocumentReadException"/>
/// with a message meant for the person who uploaded it.
/// </summary>
internal interface IDocumentReader
{
    /// <summary>Lower-case extensions with the dot (".pdf") this reader handles.</summary>
    IReadOnlyCollection<string> Extensions { get; }

    ParsedDocument Read(Stream content, string fileName, ReaderLimits limits, CancellationToken cancellationToken);
}
