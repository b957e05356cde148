namespace Switchboard.Knowledge.Retrieval;

/// <summary>
/// Words that make a sentence a question but say nothing about its subject ("how", "when", «сколько»). They are not
/// stop words for the index (BM25 handles them by IDF), but counting them when judging whether a passage answers the
/// question would make "How long are invoices kept?" look unanswered by a passage about keeping invoices.
/// </summary>
internal static class QuestionWords
{
    private static readonly HashSet<string> All = new(StringComparer.Ordinal)
    {
        "how", "what", "when", "where", "which", "who", "whom", "whose", "why", "do", "does", "did", "can", "could", "should", "would",
        "may", "might", "must", "has", "have", "had", "am", "i", "we", "you", "me", "my", "our", "your", "please", "tell",
        "как", "какой", "какая", "какое", "какие", "каков", "когда", "где", "куда", "откуда", "почему", "зачем", "сколько", "кто", "что",
        "чей", "ли", "можно", "нужно", "надо", "скажи", "скажите", "подскажите", "пожалуйста", "я", "мы", "мне", "нам",
    };

    public static bool Contains(string token) => All.Contains(token);
}
