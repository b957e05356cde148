using AwesomeAssertions;
using Switchboard.Knowledge.Tests.Chunking;

namespace Switchboard.Knowledge.Tests.Readers;

public sealed class JsonReaderTests
{
    [Fact]
    public void Read_Object_FlattensToPathValueLinesWithRecordsApart()
    {
        const string json = """
            {
              "title": "Справочник",
              "version": 2,
              "items": [
                { "name": "Анна", "tags": ["админ", "dev"], "address": { "city": "Москва" } },
                { "name": "Boris", "active": false, "extra": {} }
              ],
              "note": "конец"
            }
            """;

        var document = TestReading.Read(json, "people.json");

        document.Title.Should().Be("Справочник");
        document.Blocks.Select(b => b.Text).Should().Equal(
            "title: Справочник\nversion: 2",
            "items[0].name: Анна\nitems[0].tags[0]: админ\nitems[0].tags[1]: dev\nitems[0].address.city: Москва",
            "items[1].name: Boris\nitems[1].active: false\nitems[1].extra: {}",
            "note: конец");
        ChunkInvariants.ChunkAndCheck(document);
    }

    [Fact]
    public void Read_JsonLines_OneBlockPerRecord()
    {
        var document = TestReading.Read("{\"q\":\"где отчёт?\"}\n\n{\"q\":\"how\"}\n", "log.jsonl");

        document.Blocks.Select(b => b.Text).Should().Equal("[1].q: где отчёт?", "[3].q: how");
    }

    [Fact]
    public void Read_InvalidJson_SaysSo()
    {
        var message = TestReading.Failure("{\"a\": [1, 2"u8.ToArray(), "broken.json");

        message.Should().StartWith("The JSON is not valid");
    }
}
