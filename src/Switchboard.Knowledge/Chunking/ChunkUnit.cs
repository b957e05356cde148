using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Chunking;

/// <summary>
/// The smallest piece the chunker packs: a range of the document's full text that never needs splitting again (a
/// heading, a paragraph or a sentence group of one, a table or a group of its rows) with its token count, the block's
/// page and the heading path it sits under. A table part after the first carries the table's header rows as
/// <see cref="Prefix"/>: the chunk that starts with it repeats them in front of the range.
/// </summary>
internal readonly record struct ChunkUnit(
    int Start,
    int End,
    int Tokens,
    BlockKind Kind,
    int? Page,
    string[] SectionPath,
    int SectionLevel,
    string? Prefix = null);
