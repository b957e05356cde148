using System.Globalization;
using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Readers;

/// <summary>
/// Collects a reader's blocks in reading order and enforces <see cref="ReaderLimits.MaxTextCharacters"/>. Text past
/// the limit is cut rather than refused: the last block is shortened at a word boundary, <see cref="IsFull"/> turns
/// true so the reader can stop early, and the document carries the <see cref="TruncatedKey"/> metadata entry.
/// One instance per read; not thread-safe.
/// </summary>
internal sealed class DocumentBuilder(ReaderLimits limits)
{
    /// <summary>Metadata key present when the text was cut at the character limit.</summary>
    public const string TruncatedKey = "truncated";

    private readonly List<DocumentBlock> _blocks = [];
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);
    private readonly long _maxCharacters = Math.Max(0, limits.MaxTextCharacters);
    private long _characters;

    /// <summary>True once the character limit is reached; further blocks are ignored.</summary>
    public bool IsFull { get; private set; }

    /// <summary>The title from the format's metadata, if it has one; otherwise the first heading or the file name is used.</summary>
    public string? Title { get; set; }

    public IReadOnlyList<DocumentBlock> Blocks => _blocks;

    public void Add(BlockKind kind, string? text, int headingLevel = 0, int? page = null)
    {
        var clean = BlockText.Clean(text, kind);
        if (clean.Length == 0 || IsFull)
        {
            return;
        }

        if (kind == BlockKind.Heading)
        {
            headingLevel = Math.Clamp(headingLevel, 1, 6);
        }

        var separator = _blocks.Count == 0 ? 0 : ParsedDocument.BlockSeparator.Length;
        var room = _maxCharacters - _characters - separator;
        if (clean.Length > room)
        {
            clean = BlockText.CutAtWord(clean, (int)Math.Max(0, room));
            MarkTruncated();
            if (clean.Length == 0)
            {
                return;
            }
        }

        _characters += separator + clean.Length;
        _blocks.Add(new DocumentBlock(kind, clean, kind == BlockKind.Heading ? headingLevel : 0, page));
    }

    /// <summary>Adds a block of another document (an e-mail attachment), its heading one level deeper.</summary>
    public void AddNested(DocumentBlock block) =>
        Add(block.Kind, block.Text, block.Kind == BlockKind.Heading ? Math.Min(6, block.HeadingLevel + 1) : 0, block.Page);

    public void SetMetadata(string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            _metadata[key] = value.Trim();
        }
    }

    public ParsedDocument Build(string fileName)
    {
        var title = BlockText.SingleLine(Title);
        if (title.Length == 0)
        {
            title = _blocks.FirstOrDefault(b => b.Kind == BlockKind.Heading)?.Text ?? "";
        }

        if (title.Length == 0)
        {
            title = Path.GetFileNameWithoutExtension(fileName);
        }

        return new ParsedDocument(BlockText.SingleLine(title), _blocks.ToArray()) { Metadata = _metadata };
    }

    private void MarkTruncated()
    {
        IsFull = true;
        _metadata[TruncatedKey] = string.Create(CultureInfo.InvariantCulture, $"text cut at {_maxCharacters:N0} characters");
    }
}
