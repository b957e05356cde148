using Switchboard.Knowledge.Lexical;

namespace Switchboard.Knowledge.Tests.Lexical;

/// <summary>
/// Russian company documents found by questions in other grammatical forms, as employees type them.
/// None of the queries' word forms occurs in its document: only stems match, and е matches ё.
/// </summary>
public sealed class RussianRetrievalTests
{
    private static readonly string[] Names = ["vacation", "travel", "privacy", "passwords", "canteen"];
    private static readonly Bm25LexicalIndex Index = Build();

    [Theory]
    [InlineData("отпусками сотрудника", "vacation")]
    [InlineData("командировкам", "travel")]
    [InlineData("возмещения расхода", "travel")]
    [InlineData("персональным данным", "privacy")]
    [InlineData("паролями учетных записей", "passwords")]
    public void AQuestionInAnotherForm_FindsItsDocumentFirst(string query, string expected)
    {
        var hits = Index.Search(query, 3);

        Assert.NotEmpty(hits);
        Assert.Equal(expected, Names[hits[0].Id]);
    }

    [Fact]
    public void StopWordsAlone_FindNothing()
    {
        Assert.Empty(Index.Search("и в на с по", 3));
    }

    private static Bm25LexicalIndex Build()
    {
        var index = new Bm25LexicalIndex();
        Add(index, 0, "Порядок предоставления ежегодного отпуска",
            "Сотрудник подаёт заявление на отпуск за две недели. Отпуск оформляется приказом, отпускные выплачиваются за три дня.");
        Add(index, 1, "Командировки",
            "Командированному работнику возмещаются расходы на проезд, проживание и суточные. Отчёт о командировке сдаётся в течение трёх дней.");
        Add(index, 2, "Обработка персональных данных",
            "Компания обрабатывает персональные данные в соответствии с 152-ФЗ: согласие субъекта, хранение в России, уведомление Роскомнадзора.");
        Add(index, 3, "Политика паролей",
            "Пароль учётной записи меняется каждые 90 дней; длина пароля не менее 12 символов; пароли нельзя передавать коллегам.");
        Add(index, 4, "Столовая", "Столовая работает с 12 до 15 часов, меню обновляется еженедельно.");
        return index;
    }

    private static void Add(Bm25LexicalIndex index, long id, string title, string body) => index.Upsert(id, new LexicalFields(title, null, body));
}
