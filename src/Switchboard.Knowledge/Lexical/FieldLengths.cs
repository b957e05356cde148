namespace Switchboard.Knowledge.Lexical;

/// <summary>A chunk's length in terms (after stop words), per field: BM25's length normalisation reads it for every posting.</summary>
internal readonly record struct FieldLengths(int Title, int Section, int Body);
