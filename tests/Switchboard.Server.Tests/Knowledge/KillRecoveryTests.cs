using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Switchboard.Server.Tests.Infrastructure;
using static Switchboard.Server.Tests.Knowledge.KnowledgeApi;

namespace Switchboard.Server.Tests.Knowledge;

public sealed class KillRecoveryTests
{
    [Fact]
    public async Task ServerKilledWhileIngesting_LosesNothing_EveryDocumentBecomesReadyOnceAfterRestart()
    {
        await using var stub = await KnowledgeStub.StartAsync();
        var root = Directory.CreateTempSubdirectory("switchboard-kill-").FullName;
        var config = Path.Combine(root, "switchboard.json");
        var data = Path.Combine(root, "data");
        await File.WriteAllTextAsync(config, KnowledgeFixture.Config(stub.BaseUrl, """{ "embeddingModel": "embed" }"""));
        var files = Enumerable.Range(0, 60)
            .Select(i => ($"doc-{i:D3}.md", string.Join("\n\n", Enumerable.Range(0, 40).Select(p => $"# Part {p}\n\nDocument {i} paragraph {p} about topic{i} and subject{p}."))))
            .ToArray();

        await using (var first = await ServeProcess.StartAsync(config, data))
        {
            var uploaded = await UploadAsync(first.Http, "crash", files);
            Assert.Equal(60, uploaded.Count);
            await first.KillAsync();
        }

        Assert.True(await ScalarAsync(data, "SELECT count(*) FROM documents WHERE status <> 'ready'") > 0, "The kill came after all work was done; nothing was tested.");

        await using (var second = await ServeProcess.StartAsync(config, data))
        {
            var listed = (await second.Http.GetFromJsonAsync<JsonObject>("api/v1/documents?collection=crash&limit=100"))!["documents"]!.AsArray();
            var documents = await WaitAsync(second.Http, Ids(listed));

            Assert.Equal(60, documents.Count);
            Assert.All(documents.Values, d => Assert.True(d["status"]!.GetValue<string>() == "ready", d.ToJsonString()));
            var hit = (await SearchAsync(second.Http, new { query = "topic42 subject7", collections = new[] { "crash" }, mode = "lexical" }))["results"]![0]!;
            Assert.Equal("doc-042.md", hit["document_name"]!.GetValue<string>());
        }

        // Exactly one set of chunks per document, each with its embedding: no duplicates or holes from the interrupted run.
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "knowledge", "knowledge.db")};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM chunks), (SELECT sum(chunks) FROM documents),
                   (SELECT count(*) FROM chunks WHERE embedding IS NULL), (SELECT count(*) FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.version <> d.ready_version)
            """;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(reader.GetInt64(1), reader.GetInt64(0));
        Assert.Equal(0, reader.GetInt64(2));
        Assert.Equal(0, reader.GetInt64(3));
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    private static async Task<long> ScalarAsync(string data, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "knowledge", "knowledge.db")};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
