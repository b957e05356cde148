namespace Switchboard.Knowledge.Lexical;

/// <summary>
/// BM25F parameters for <see cref="Bm25LexicalIndex"/>. The defaults (classic k1 1.2, b 0.75, a title occurrence
/// worth two body ones) were chosen on SciFact's train split (nDCG@10 0.701); the Anserini setting k1 0.9, b 0.4,
/// title 1 scores 0.696 there, so the gain is small and the defaults are not tuned to the test split.
/// </summary>
internal sealed record Bm25Options
{
    /// <summary>Term-frequency saturation: higher lets repeated terms keep adding score.</summary>
    public double K1 { get; init; } = 1.2;

    /// <summary>Length normalisation, 0 (none) to 1 (full).</summary>
    public double B { get; init; } = 0.75;

    /// <summary>How much one title occurrence counts, relative to the body.</summary>
    public double TitleWeight { get; init; } = 2.0;

    /// <summary>
    /// How much one occurrence in the section path (the headings above a chunk) counts. Between body and title:
    /// headings name the topic like a title but are shared by many chunks and are shorter than a title of a paper.
    /// No judged collection with section paths exists here to tune it; see docs/knowledge-indexes.md.
    /// </summary>
    public double SectionWeight { get; init; } = 1.5;

    /// <summary>How much one body occurrence counts.</summary>
    public double BodyWeight { get; init; } = 1.0;

    /// <summary>RM3 pseudo-relevance feedback; null (the default) runs the query once, unexpanded.</summary>
    public Rm3Options? Feedback { get; init; }

    public void Validate()
    {
        if (!(K1 > 0) || !(B is >= 0 and <= 1) || !(TitleWeight >= 0) || !(SectionWeight >= 0) || !(BodyWeight >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Bm25Options), this, "k1 must be > 0, b in [0, 1], field weights >= 0.");
        }

        Feedback?.Validate();
    }
}
