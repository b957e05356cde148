namespace Switchboard.Knowledge.Lexical;

/// <summary>A term's occurrences in one document, per field; kept small because SciFact alone has ~400k.</summary>
internal readonly record struct Posting(int Document, int TitleFrequency, int BodyFrequency);
