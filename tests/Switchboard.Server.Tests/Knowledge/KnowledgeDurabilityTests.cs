using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Switchboard.Server.Tests.Infrastructure;
using static Switchboard.Server.Tests.Knowledge.KnowledgeApi;

namespace Switchboard.Server.Tests.Knowledge;

public sealed class KnowledgeDurabilityTests : IAsyncLifetime
{
    private KnowledgeStub _stub = null!;

    public async Task InitializeAsync() => _stub = await KnowledgeStub.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task Restart_IndexesAreRebuiltAndAJobCutMidParseResumes()
    {
        var config = KnowledgeFixture.Config(_stub.BaseUrl, """{ "embeddingModel": "embed", "chatModel": "chat" }""");
        var root = Directory.CreateTempSubdirectory("switchboard-kb-").FullName;
        string id;
        await using (var server = await GatewayServer.StartAsync(config, root: root, keepRoot: true))
        {
            id = Ids(await UploadAsync(server.Http, "durable", ("guide.md", "# Guide\n\nBackups run nightly at two o'clock."))).Single();
            await WaitAsync(server.Http, [id]);
        }

        // As if the process died while parsing a re-index of the document.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(root, "data", "knowledge", "knowledge.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE documents SET status = 'parsing', version = version + 1;";
            await command.ExecuteNonQueryAsync();
        }

        Assert.True(File.Exists(Path.Combine(root, "data", "knowledge", "vectors.idx")));
        await using (var server = await GatewayServer.StartAsync(config, root: root))
        {
            // The old version stays searchable while the new one is processed.
            var ready = (await WaitAsync(server.Http, [id]))[id];
            Assert.Equal("ready", ready["status"]!.GetValue<string>());
            Assert.Equal(2, ready["ready_version"]!.GetValue<int>());
            foreach (var mode in new[] { "lexical", "vector" })
            {
                var hits = (await SearchAsync(server.Http, new { query = "nightly backups", mode }))["results"]!.AsArray();
                Assert.NotEmpty(hits);
                Assert.All(hits, h => Assert.Equal(id, h!["document_id"]!.GetValue<string>()));
            }
        }
    }

    [Fact]
    public async Task Chat_WithoutAnAnsweringModel_ReturnsAnExtractiveAnswerLabelledAsSuch()
    {
        await using var server = await GatewayServer.StartAsync(KnowledgeFixture.Config(_stub.BaseUrl, "{}"));
        await WaitAsync(server.Http, Ids(await UploadAsync(server.Http, "extractive",
            ("onboarding.md", "# Onboarding\n\nNew employees receive their laptop on the first day. The badge is issued by security."))));

        using var response = await server.Http.PostAsJsonAsync("api/v1/chat", new { message = "When do new employees receive their laptop?" });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("extractive", body["mode"]!.GetValue<string>());
        Assert.Contains("No answering model is configured", body["answer"]!.GetValue<string>());
        Assert.Contains("laptop on the first day", body["answer"]!.GetValue<string>());
        Assert.Contains("[1]", body["answer"]!.GetValue<string>());
        Assert.Equal("onboarding.md", body["citations"]![0]!["document_name"]!.GetValue<string>());
        Assert.Empty(_stub.ChatRequests);
    }

    [Fact]
    public async Task Search_WithARerankModel_ReordersByTheModelsScores_AndFallsBackWhenAsked()
    {
        await using var server = await GatewayServer.StartAsync(KnowledgeFixture.Config(_stub.BaseUrl, """{ "rerankModel": "chat" }"""));
        await WaitAsync(server.Http, Ids(await UploadAsync(server.Http, "rerank",
            ("one.md", "lamp lamp lamp lamp shade"), ("two.md", "lamp lamp shade"), ("three.md", "lamp shade"))));

        var plain = (await SearchAsync(server.Http, new { query = "lamp", rerank = false }))["results"]!.AsArray().Select(r => r!["document_name"]!.GetValue<string>()).ToList();
        var reranked = await SearchAsync(server.Http, new { query = "lamp" });

        Assert.Equal(["one.md", "two.md", "three.md"], plain);
        Assert.True(reranked["reranked"]!.GetValue<bool>());
        Assert.Equal(["three.md", "two.md", "one.md"], reranked["results"]!.AsArray().Select(r => r!["document_name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Ingest_EmbeddingProviderBrieflyDown_IsRetriedAndTheDocumentBecomesReady()
    {
        await using var server = await GatewayServer.StartAsync(KnowledgeFixture.Config(_stub.BaseUrl, """{ "embeddingModel": "embed" }"""));
        _stub.FailNextEmbeddings = 1;

        var document = (await WaitAsync(server.Http, Ids(await UploadAsync(server.Http, "retry", ("note.md", "Retries keep uploads alive."))))).Values.Single();

        Assert.Equal("ready", document["status"]!.GetValue<string>());
        Assert.True(_stub.FailNextEmbeddings < 0);
    }

    [Fact]
    public async Task Search_Int8Vectors_FindTheSameDocument()
    {
        await using var server = await GatewayServer.StartAsync(KnowledgeFixture.Config(_stub.BaseUrl, """{ "embeddingModel": "embed", "vectorPrecision": "int8" }"""));
        await WaitAsync(server.Http, Ids(await UploadAsync(server.Http, "int8",
            ("printers.md", "The printer on the third floor needs a badge."), ("parking.md", "Visitors park in the north lot."))));

        var hit = (await SearchAsync(server.Http, new { query = "printer badge third floor", mode = "vector" }))["results"]![0]!;

        Assert.Equal("printers.md", hit["document_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Search_VectorModeWithoutAnEmbeddingModel_IsA400NamingTheSetting()
    {
        await using var server = await GatewayServer.StartAsync(KnowledgeFixture.Config(_stub.BaseUrl, "{}"));

        using var response = await server.Http.PostAsJsonAsync("api/v1/search", new { query = "x", mode = "vector" });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("knowledge.embeddingModel", await response.Content.ReadAsStringAsync());
    }
}
