namespace Switchboard.Knowledge.Answers;

/// <summary>The few sentences the knowledge base writes itself, in Russian when the question is Russian, else English.</summary>
internal static class AnswerTexts
{
    public static bool IsRussian(string text)
    {
        int cyrillic = 0, latin = 0;
        foreach (var c in text)
        {
            if (c is >= 'а' and <= 'я' or >= 'А' and <= 'Я' or 'ё' or 'Ё')
            {
                cyrillic++;
            }
            else if (char.IsAsciiLetter(c))
            {
                latin++;
            }
        }

        return cyrillic > latin;
    }

    public static string NotFound(string question) => IsRussian(question)
        ? "В документах не нашлось ответа на этот вопрос."
        : "I could not find the answer to this in the documents.";

    public static string ExtractiveHeader(string question) => IsRussian(question)
        ? "Модель для ответов не настроена, поэтому вот наиболее подходящие фрагменты документов:"
        : "No answering model is configured, so here are the most relevant passages from the documents:";
}
