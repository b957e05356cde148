namespace Switchboard.Knowledge.Lexical;

/// <summary>
/// RM3 pseudo-relevance feedback (Lavrenko &amp; Croft's relevance model, interpolated with the query as in Anserini):
/// the query is run once, the best chunks' terms are weighted by those chunks' scores, and the strongest terms are
/// added to the query for a second run. Defaults are Anserini's (10 chunks, 10 terms, original weight 0.5).
/// </summary>
internal sealed record Rm3Options
{
    public int FeedbackChunks { get; init; } = 10;

    public int FeedbackTerms { get; init; } = 10;

    /// <summary>Share of the final query weight kept by the original terms (1 = no expansion).</summary>
    public double OriginalQueryWeight { get; init; } = 0.5;

    /// <summary>Terms in more than this share of chunks carry no topic and are never added (Anserini: 10 %).</summary>
    public double MaxDocumentFrequency { get; init; } = 0.1;

    public void Validate()
    {
        if (FeedbackChunks < 1 || FeedbackTerms < 1 || !(OriginalQueryWeight is >= 0 and <= 1) || !(MaxDocumentFrequency is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Rm3Options), this, "Feedback chunks and terms must be ≥ 1, weights in [0, 1].");
        }
    }
}
