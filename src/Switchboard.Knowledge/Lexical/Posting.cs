namespace Switchboard.Knowledge.Lexical;

/// <summary>
/// A term's occurrences in one chunk, per field, in 8 bytes: 100k chunks of ~200 words make ~12 million postings.
/// Frequencies saturate (255 in title and section, 65,535 in the body); BM25 saturates long before that anyway.
/// </summary>
internal readonly record struct Posting(int Slot, ushort Body, byte Title, byte Section);
