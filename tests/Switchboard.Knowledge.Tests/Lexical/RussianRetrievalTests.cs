using Switchboard.Knowledge.Lexical;

namespace Switchboard.Knowledge.Tests.Lexical;

/// <summary>
/// Russian company documents found by questions in other grammatical forms, as employees type them.
/// None of the queries' word forms occurs in its document: only stems match, and е matches ё.
/// </summary>
public sealed class RussianRetrievalTests
{
    private static readonly Bm25Index Index = Build();

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
        Assert.Equal(expected, hits[0].Id);
    }

    [Fact]
    public void StopWordsAlone_FindNothing()
    {
        Assert.Empty(Index.Search("и в на с по", 3));
    }

    private static Bm25Index Build()
    {
        var index = new Bm25Index();
        index.Add("vacation", "Порядок предоставления ежегодного отпуска",
            "Сотрудник подаёт заявление на отпуск за две недели. Отпуск оформляется приказом, отпускные выплачиваются за три дня.");
        index.Add("travel", "Командировки",
            "Командированному работнику возмещаются расходы на проезд, проживание и суточные. Отчёт о командировке сдаётся в течение трёх дней.");
        index.Add("privacy", "Обработка персональных данных",
            "Компания обрабатывает персональные данные в соответствии с 152-ФЗ: согласие субъекта, хранение в России, уведомление Роскомнадзора.");
        index.Add("passwords", "Политика паролей",
            "Пароль учётной записи меняется каждые 90 дней; длина пароля не менее 12 символов; пароли нельзя передавать коллегам.");
        index.Add("canteen", "Столовая", "Столовая работает с 12 до 15 часов, меню обновляется еженедельно.");
        return index;
    }
}
