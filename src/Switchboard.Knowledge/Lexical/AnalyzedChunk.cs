using System.Runtime.InteropServices;

namespace Switchboard.Knowledge.Lexical;

/// <summary>
/// A chunk after analysis: per term, its frequency in each field, and the field lengths. Produced outside the
/// index's lock (tokenising and stemming are most of an upsert's cost), consumed under it. Immutable once built.
/// </summary>
internal sealed class AnalyzedChunk
{
    private const int Title = 0;
    private const int Section = 1;
    private const int Body = 2;

    private AnalyzedChunk(Dictionary<string, (int Title, int Section, int Body)> terms, FieldLengths lengths)
    {
        Terms = terms;
        Lengths = lengths;
    }

    public IReadOnlyDictionary<string, (int Title, int Section, int Body)> Terms { get; }

    public FieldLengths Lengths { get; }

    public static AnalyzedChunk From(LexicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(fields.Body);
        var terms = new Dictionary<string, (int Title, int Section, int Body)>(StringComparer.Ordinal);
        var lengths = new FieldLengths(Count(fields.Title, terms, Title), Count(fields.Section, terms, Section), Count(fields.Body, terms, Body));
        return new AnalyzedChunk(terms, lengths);
    }

    private static int Count(string? text, Dictionary<string, (int Title, int Section, int Body)> terms, int field)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var analyzed = TextAnalyzer.Analyze(text);
        foreach (var term in analyzed)
        {
            ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(terms, term, out _);
            counts = field switch
            {
                Title => counts with { Title = counts.Title + 1 },
                Section => counts with { Section = counts.Section + 1 },
                _ => counts with { Body = counts.Body + 1 },
            };
        }

        return analyzed.Count;
    }
}
