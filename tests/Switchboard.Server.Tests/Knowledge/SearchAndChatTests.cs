using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpenAI.Chat;
using static Switchboard.Server.Tests.Knowledge.KnowledgeApi;

namespace Switchboard.Server.Tests.Knowledge;

public sealed class SearchAndChatTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private HttpClient Http => fixture.Server.Http;

    [Theory]
    [InlineData("lexical")]
    [InlineData("vector")]
    [InlineData("hybrid")]
    public async Task Search_EachMode_FindsTheMatchingDocumentFirst(string mode)
    {
        await Ingest("modes", ("printers.md", "# Printers\n\nThe third-floor printer needs a badge to release jobs."),
            ("parking.md", "# Parking\n\nVisitors park in the north lot next to the lobby."));

        var search = await SearchAsync(Http, new { query = "printer badge release", collections = new[] { "modes" }, mode, k = 5 });

        Assert.Equal(mode, search["mode"]!.GetValue<string>());
        Assert.Equal("printers.md", search["results"]![0]!["document_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Search_HighlightsMatches_AndEscapesHtmlFromTheDocument()
    {
        await Ingest("escaping", ("xss.txt", "Reset your password here <script>alert('x')</script> and <b>nowhere</b> else."));

        var hit = (await SearchAsync(Http, new { query = "password", collections = new[] { "escaping" }, mode = "lexical" }))["results"]![0]!;

        var highlight = hit["highlight"]!.GetValue<string>();
        Assert.Contains("<mark>password</mark>", highlight);
        Assert.Contains("&lt;script&gt;", highlight);
        Assert.DoesNotContain("<script>", highlight);
        Assert.DoesNotContain("<b>", highlight);
    }

    [Fact]
    public async Task Search_RussianWordForms_FindTheDocument()
    {
        await Ingest("russian", ("пароли.md", "# Пароли\n\nПароль учётной записи меняется каждые девяносто дней."),
            ("отпуск.md", "# Отпуск\n\nОтпуск согласуется с руководителем заранее."));

        var hit = (await SearchAsync(Http, new { query = "как часто менять пароли учетных записей", collections = new[] { "russian" }, mode = "lexical" }))["results"]![0]!;

        Assert.Equal("пароли.md", hit["document_name"]!.GetValue<string>());
        Assert.Contains("<mark>", hit["highlight"]!.GetValue<string>());
    }

    [Fact]
    public async Task Search_BadRequests_AreNamed()
    {
        using var noQuery = await Http.PostAsJsonAsync("api/v1/search", new { k = 5 });
        using var badMode = await Http.PostAsJsonAsync("api/v1/search", new { query = "x", mode = "semantic" });
        using var unknownCollection = await Http.PostAsJsonAsync("api/v1/search", new { query = "x", collections = new[] { "nope" } });
        using var unknownField = await Http.PostAsJsonAsync("api/v1/search", new { query = "x", colections = new[] { "nope" } });

        Assert.Equal(HttpStatusCode.BadRequest, noQuery.StatusCode);
        Assert.Contains("query", await noQuery.Content.ReadAsStringAsync());
        Assert.Contains("lexical, vector or hybrid", await badMode.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknownCollection.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Contains("colections", await unknownField.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Chat_AnswersWithNumberedCitationsMappedToSources_AndPersistsTheConversation()
    {
        await Ingest("chat", ("expenses.md", "# Expenses\n\nTaxi receipts are reimbursed within thirty days of submission."));

        using var response = await Http.PostAsJsonAsync("api/v1/chat", new { message = "How fast are taxi receipts reimbursed?", collections = new[] { "chat" } });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("generated", body["mode"]!.GetValue<string>());
        Assert.Contains("[1]", body["answer"]!.GetValue<string>());
        var citation = body["citations"]![0]!;
        Assert.Equal(1, citation["number"]!.GetValue<int>());
        Assert.True(citation["cited"]!.GetValue<bool>());
        Assert.Equal("expenses.md", citation["document_name"]!.GetValue<string>());
        Assert.StartsWith("/api/v1/documents/", citation["url"]!.GetValue<string>());
        var prompt = fixture.Stub.ChatRequests.Last()["messages"]![0]!["content"]!.GetValue<string>();
        Assert.Contains("[1] ", prompt);
        Assert.Contains("Taxi receipts", prompt);

        var conversation = (await Http.GetFromJsonAsync<JsonObject>($"api/v1/conversations/{body["conversation_id"]}"))!;
        Assert.Equal(2, conversation["messages"]!.AsArray().Count);
        Assert.Equal("expenses.md", conversation["messages"]![1]!["citations"]![0]!["document_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Chat_FollowUp_IsRewrittenIntoAStandaloneQuery()
    {
        await Ingest("followup", ("laptops.md", "# Laptops\n\nLaptops are replaced every three years."));
        using var first = await Http.PostAsJsonAsync("api/v1/chat", new { message = "How often are laptops replaced?", collections = new[] { "followup" } });
        var conversationId = JsonNode.Parse(await first.Content.ReadAsStringAsync())!["conversation_id"]!.GetValue<string>();

        using var second = await Http.PostAsJsonAsync("api/v1/chat", new { message = "and phones?", conversation_id = conversationId, collections = new[] { "followup" } });
        var body = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;

        Assert.Equal("standalone: How often are laptops replaced? + and phones?", body["query"]!.GetValue<string>());
        Assert.Equal("generated", body["mode"]!.GetValue<string>());
        var sent = fixture.Stub.ChatRequests.Last()["messages"]!.AsArray();
        Assert.Contains(sent, m => m!["role"]!.GetValue<string>() == "assistant");
    }

    [Fact]
    public async Task Chat_CollectionPromptTemplate_ReplacesTheDefault()
    {
        await Ingest("templated", ("kitchen.md", "The kitchen closes at six in the evening."));
        using var patch = await Http.PatchAsJsonAsync("api/v1/collections/templated", new { prompt_template = "Answer like a pirate. Sources:\n{sources}" });
        using var invalid = await Http.PatchAsJsonAsync("api/v1/collections/templated", new { prompt_template = "no placeholder" });

        using var response = await Http.PostAsJsonAsync("api/v1/chat", new { message = "When does the kitchen close?", collections = new[] { "templated" } });

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var system = fixture.Stub.ChatRequests.Last()["messages"]![0]!["content"]!.GetValue<string>();
        Assert.StartsWith("Answer like a pirate. Sources:\n[1]", system);
    }

    [Fact]
    public async Task Chat_SourcesAreCutToTheModelsContextWindow()
    {
        var paragraph = string.Join(" ", Enumerable.Repeat("The archive retention rule keeps invoices for years.", 40));
        await Ingest("window", [.. Enumerable.Range(0, 8).Select(i => ($"archive-{i}.md", $"# Archive {i}\n\n{paragraph}"))]);

        using var response = await Http.PostAsJsonAsync("api/v1/chat", new { message = "How long are invoices kept in the archive?", collections = new[] { "window" }, model = "chat-small" });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        // chat-small declares maxContextTokens 2000: minus the 800-token answer budget, the template and the question,
        // about three ~300-token passages fit of the six the search offers.
        var sources = body["citations"]!.AsArray().Count;
        Assert.True(sources > 0, body.ToJsonString());
        Assert.InRange(sources, 1, 4);
        var system = fixture.Stub.ChatRequests.Last()["messages"]![0]!["content"]!.GetValue<string>();
        Assert.True(system.Length / 3.5 < 2000 - 800, $"prompt of {system.Length} characters");
    }

    [Fact]
    public async Task Chat_NothingRelevant_SaysSoInsteadOfGuessing()
    {
        await Ingest("strict", ("canteen.md", "The canteen serves soup on Mondays."));
        var before = fixture.Stub.ChatRequests.Count;

        using var response = await Http.PostAsJsonAsync("api/v1/chat", new { message = "What is the quantum tunnelling rate of helium?", collections = new[] { "strict" } });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("not_found", body["mode"]!.GetValue<string>());
        Assert.Contains("could not find", body["answer"]!.GetValue<string>());
        Assert.Empty(body["citations"]!.AsArray());
        Assert.Equal(before, fixture.Stub.ChatRequests.Count);
    }

    [Fact]
    public async Task Chat_Streamed_SendsSourcesThenDeltasThenDone()
    {
        await Ingest("stream", ("wifi.md", "# Wi-Fi\n\nThe guest Wi-Fi password changes every Monday morning."));

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/chat") { Content = JsonContent.Create(new { message = "When does the guest Wi-Fi password change?", collections = new[] { "stream" }, stream = true }) };
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => JsonNode.Parse(e["data: ".Length..])!).ToList();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("sources", events[0]["type"]!.GetValue<string>());
        Assert.True(events.Count(e => e["type"]!.GetValue<string>() == "delta") > 1);
        var done = events[^1];
        Assert.Equal("done", done["type"]!.GetValue<string>());
        Assert.True(done["citations"]![0]!["cited"]!.GetValue<bool>());
        Assert.Contains("[1]", string.Concat(events.Where(e => e["type"]!.GetValue<string>() == "delta").Select(e => e["text"]!.GetValue<string>())));
    }

    [Fact]
    public async Task KbAlias_ThroughTheOpenAiSdk_AnswersWithSourcesInTheExtension()
    {
        await Ingest("sdk", ("holidays.md", "# Holidays\n\nThe office is closed on the first of May."));
        var client = fixture.Server.OpenAi().GetChatClient("kb/sdk");

        ClientResult<ChatCompletion> result = await client.CompleteChatAsync([new UserChatMessage("Is the office closed on the first of May?")]);
        var raw = JsonNode.Parse(result.GetRawResponse().Content.ToString())!;

        Assert.Contains("[1]", result.Value.Content[0].Text);
        Assert.Equal("holidays.md", raw["switchboard"]!["sources"]![0]!["document_name"]!.GetValue<string>());
        var models = (await Http.GetFromJsonAsync<JsonObject>("v1/models"))!["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>());
        Assert.Contains("kb/sdk", models);
        Assert.Equal("kb/sdk", (await Http.GetFromJsonAsync<JsonObject>("v1/models/kb/sdk"))!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task KbAlias_Streamed_EndsWithSourcesAndDone()
    {
        await Ingest("sdk-stream", ("badges.md", "# Badges\n\nLost badges are replaced at the security desk."));
        var client = fixture.Server.OpenAi().GetChatClient("kb/sdk-stream");

        var text = "";
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Where are lost badges replaced?")]))
        {
            text += string.Concat(update.ContentUpdate.Select(p => p.Text));
        }

        Assert.Contains("[1]", text);
    }

    [Fact]
    public async Task KbAlias_UnknownCollection_IsModelNotFound()
    {
        using var response = await fixture.Server.PostChatAsync("kb/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("model_not_found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Collections_OfAnotherKey_AreInvisibleAndUnsearchable()
    {
        await Ingest("private-hr", ("salaries.md", "Salary bands for 2026 are confidential."));
        var (_, key) = fixture.Server.CreateKey("other-employee", null, null);
        using var other = fixture.Server.ClientWithKey(key);

        using var search = await other.PostAsJsonAsync("api/v1/search", new { query = "salary bands", collections = new[] { "private-hr" } });
        var all = await SearchAsync(other, new { query = "salary bands" });
        var list = (await other.GetFromJsonAsync<JsonObject>("api/v1/collections"))!;
        var documentId = (await SearchAsync(Http, new { query = "salary bands", collections = new[] { "private-hr" } }))["results"]![0]!["document_id"]!.GetValue<string>();
        using var document = await other.GetAsync($"api/v1/documents/{documentId}");
        using var file = await other.GetAsync($"api/v1/documents/{documentId}/file");
        using var delete = await other.DeleteAsync($"api/v1/documents/{documentId}");

        Assert.Equal(HttpStatusCode.NotFound, search.StatusCode);
        Assert.DoesNotContain(all["results"]!.AsArray(), r => r!["collection"]!.GetValue<string>() == "private-hr");
        Assert.DoesNotContain(list["collections"]!.AsArray(), c => c!["name"]!.GetValue<string>() == "private-hr");
        Assert.Equal(HttpStatusCode.NotFound, document.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
    }

    [Fact]
    public async Task Collections_SharedWithEveryone_AreSearchableByOtherKeys()
    {
        using var created = await Http.PostAsJsonAsync("api/v1/collections", new { name = "public-faq", groups = new[] { "everyone" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Ingest("public-faq", ("faq.md", "The cafeteria accepts card payments only."));
        var (_, key) = fixture.Server.CreateKey("reader", null, null);
        using var other = fixture.Server.ClientWithKey(key);

        var hits = (await SearchAsync(other, new { query = "cafeteria card payments" }))["results"]!.AsArray();

        Assert.Equal("faq.md", hits[0]!["document_name"]!.GetValue<string>());
    }

    private async Task Ingest(string collection, params (string Name, string Content)[] files)
    {
        var documents = await WaitAsync(Http, Ids(await UploadAsync(Http, collection, files)));
        Assert.All(documents.Values, d => Assert.True(d["status"]!.GetValue<string>() == "ready", d.ToJsonString()));
    }
}
