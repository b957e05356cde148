namespace Switchboard.Knowledge.Documents;

/// <summary>What a <see cref="DocumentBlock"/> is, so the chunker can keep structure (headings open sections, tables stay whole).</summary>
internal enum BlockKind
{
    Heading,
    Paragraph,
    ListItem,
    Table,
    Code,
}
