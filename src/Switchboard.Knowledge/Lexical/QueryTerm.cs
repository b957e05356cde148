namespace Switchboard.Knowledge.Lexical;

/// <summary>A query term found in the index, with its weight (its count in the query, or an RM3 weight).</summary>
internal readonly record struct QueryTerm(int TermId, double Weight);
