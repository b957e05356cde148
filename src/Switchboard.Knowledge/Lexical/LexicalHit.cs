namespace Switchboard.Knowledge.Lexical;

/// <summary>One ranked chunk from an <see cref="ILexicalIndex"/>.</summary>
internal readonly record struct LexicalHit(long Id, double Score);
