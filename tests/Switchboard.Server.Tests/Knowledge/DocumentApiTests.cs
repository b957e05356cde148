using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Switchboard.Server.Tests.Knowledge.KnowledgeApi;

namespace Switchboard.Server.Tests.Knowledge;

public sealed class DocumentApiTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private HttpClient Http => fixture.Server.Http;

    [Fact]
    public async Task Upload_ManyFilesWithOneBad_BadOneFailsWithReasonOthersBecomeReady()
    {
        var uploaded = await UploadAsync(Http, "upload-mix",
            ("vacation.md", "# Vacation policy\n\nEmployees get 28 days of paid vacation per year."),
            ("broken.xyz", "not a real format"),
            ("vpn.txt", "Connect to the VPN with the corporate client before opening the wiki."));

        var documents = await WaitAsync(Http, Ids(uploaded));

        var byName = documents.Values.ToDictionary(d => d["name"]!.GetValue<string>());
        Assert.Equal("ready", byName["vacation.md"]["status"]!.GetValue<string>());
        Assert.Equal("ready", byName["vpn.txt"]["status"]!.GetValue<string>());
        Assert.Equal("failed", byName["broken.xyz"]["status"]!.GetValue<string>());
        Assert.Contains(".xyz", byName["broken.xyz"]["error"]!.GetValue<string>());
        Assert.True(byName["vacation.md"]["chunks"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Upload_RealPdfs_PagesReachTheCitation_AndAnEncryptedOneFailsWithTheReason()
    {
        var samples = SharedModels.PdfSamples;
        var uploaded = await UploadBytesAsync(Http, "pdfs", null,
            ("pdflatex-4-pages.pdf", await File.ReadAllBytesAsync(Path.Combine(samples, "pdflatex-4-pages.pdf"))),
            ("libreoffice-writer-password.pdf", await File.ReadAllBytesAsync(Path.Combine(samples, "libreoffice-writer-password.pdf"))));

        var documents = (await WaitAsync(Http, Ids(uploaded))).Values.ToDictionary(d => d["name"]!.GetValue<string>());

        Assert.Equal("ready", documents["pdflatex-4-pages.pdf"]["status"]!.GetValue<string>());
        Assert.Equal(4, documents["pdflatex-4-pages.pdf"]["pages"]!.GetValue<int>());
        Assert.Equal("failed", documents["libreoffice-writer-password.pdf"]["status"]!.GetValue<string>());
        Assert.Contains("encrypted", documents["libreoffice-writer-password.pdf"]["error"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        var hit = (await SearchAsync(Http, new { query = "Huardest gefburn", collections = new[] { "pdfs" }, mode = "lexical" }))["results"]![0]!;
        Assert.InRange(hit["page_start"]!.GetValue<int>(), 1, 4);
        Assert.EndsWith($"#page={hit["page_start"]}", hit["url"]!.GetValue<string>());
        using var file = await Http.GetAsync(hit["url"]!.GetValue<string>().Split('#')[0]);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Upload_SameContentAgain_IsUnchanged_ChangedContentReplacesTheOldVersion()
    {
        var first = await UploadAsync(Http, "versions", ("handbook.md", "The office opens at nine o'clock."));
        await WaitAsync(Http, Ids(first));

        var again = await UploadAsync(Http, "versions", ("handbook.md", "The office opens at nine o'clock."));
        Assert.Equal("unchanged", again[0]!["outcome"]!.GetValue<string>());
        Assert.Equal(first[0]!["id"]!.GetValue<string>(), again[0]!["id"]!.GetValue<string>());

        var changed = await UploadAsync(Http, "versions", ("handbook.md", "The office opens at eight o'clock sharp."));
        Assert.Equal("replaced", changed[0]!["outcome"]!.GetValue<string>());
        var ready = (await WaitAsync(Http, Ids(changed))).Values.Single();
        Assert.Equal(2, ready["ready_version"]!.GetValue<int>());

        var search = await SearchAsync(Http, new { query = "office opens", collections = new[] { "versions" }, mode = "lexical" });
        var hits = search["results"]!.AsArray();
        Assert.Single(hits);
        Assert.Contains("eight", hits[0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_RemovesTheDocumentFromSearchAndListing()
    {
        var uploaded = await UploadAsync(Http, "deletions", ("secret.md", "Quarterly zebra migration figures."));
        var id = Ids(uploaded).Single();
        await WaitAsync(Http, [id]);
        Assert.Single((await SearchAsync(Http, new { query = "zebra migration", collections = new[] { "deletions" } }))["results"]!.AsArray());

        using var deleted = await Http.DeleteAsync($"api/v1/documents/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty((await SearchAsync(Http, new { query = "zebra migration", collections = new[] { "deletions" } }))["results"]!.AsArray());
        using var gone = await Http.GetAsync($"api/v1/documents/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task List_FiltersByStatusCollectionTagAndText_WithPaging()
    {
        var uploaded = await UploadBytesAsync(Http, "listing", "finance,2026",
            ("budget.md", "Budget for 2026"u8.ToArray()), ("plan.md", "Plan for 2026"u8.ToArray()), ("bad.bin", [0, 1, 2]));
        await WaitAsync(Http, Ids(uploaded));

        var failed = (await Http.GetFromJsonAsync<JsonObject>("api/v1/documents?collection=listing&status=failed"))!;
        var tagged = (await Http.GetFromJsonAsync<JsonObject>("api/v1/documents?collection=listing&tag=finance&limit=2"))!;
        var text = (await Http.GetFromJsonAsync<JsonObject>("api/v1/documents?collection=listing&q=BUDGET"))!;

        Assert.Equal("bad.bin", failed["documents"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(3, tagged["total"]!.GetValue<int>());
        Assert.Equal(2, tagged["documents"]!.AsArray().Count);
        Assert.Equal("budget.md", text["documents"]!.AsArray().Single()!["name"]!.GetValue<string>());
        using var badStatus = await Http.GetAsync("api/v1/documents?status=done");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Contains("status must be one of", await badStatus.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Upload_OversizedFile_IsAFailedDocumentNamingTheLimit()
    {
        await using var server = await Infrastructure.GatewayServer.StartAsync(
            KnowledgeFixture.Config(fixture.Stub.BaseUrl, """{ "maxFileBytes": 1000 }"""));
        var uploaded = await UploadBytesAsync(server.Http, "limits", null, ("big.txt", new byte[5000]), ("small.txt", "fine"u8.ToArray()));

        var documents = await WaitAsync(server.Http, Ids(uploaded));

        var big = documents.Values.Single(d => d["name"]!.GetValue<string>() == "big.txt");
        Assert.Equal("failed", big["status"]!.GetValue<string>());
        Assert.Contains("limit", big["error"]!.GetValue<string>());
        Assert.Equal("ready", documents.Values.Single(d => d["name"]!.GetValue<string>() == "small.txt")["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task File_ReturnsTheOriginalBytes_AsAnAttachmentForNonPdf_AndTheOpeningIsAudited()
    {
        var uploaded = await UploadAsync(Http, "originals", ("page.html", "<html><body><p>hello</p><script>alert(1)</script></body></html>"));
        var id = Ids(uploaded).Single();

        using var response = await Http.GetAsync($"api/v1/documents/{id}/file");
        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, $"api/v1/documents/{id}/file") { Headers = { Range = new(10, 20) } };
        using var ranged = await Http.SendAsync(rangeRequest);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<script>", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.PartialContent, ranged.StatusCode);

        // One opening in the audit log: the later range request belongs to it.
        await fixture.Server.App.Services.GetRequiredService<Switchboard.Server.ControlPlane.Audit.AuditLog>().FlushAsync(default);
        var audit = (await Http.GetFromJsonAsync<JsonObject>($"api/v1/admin/audit?action=document.opened&target=document:{id}"))!;
        var entry = Assert.Single(audit["entries"]!.AsArray());
        Assert.Contains("page.html", entry!["details"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_WithoutCollectionOrFiles_IsA400NamingTheProblem()
    {
        using var noCollection = new MultipartFormDataContent { { new ByteArrayContent("x"u8.ToArray()), "files", "a.txt" } };
        using var response = await Http.PostAsync("api/v1/documents", noCollection);
        using var json = await Http.PostAsJsonAsync("api/v1/documents", new { url = "ftp://example.com/x", collection = "web" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("collection", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Contains("http or https", await json.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UrlIngestion_LoopbackTarget_IsRefusedUnlessAllowed()
    {
        using var response = await Http.PostAsJsonAsync("api/v1/documents", new { url = fixture.Stub.BaseUrl + "/models", collection = "web" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("allowPrivateUrls", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UrlIngestion_AllowedPrivateTarget_FetchesThePageAndKeepsItsMainContent()
    {
        await using var site = Infrastructure.LoopbackApp.Create();
        site.MapGet("/intranet/policy", () => Results.Content(
            "<html><head><title>Remote work policy</title><script>var tracking = 1;</script></head><body><nav>Home | Menu</nav>"
            + "<main><h1>Remote work</h1><p>Staff may work remotely three days a week.</p></main><footer>© Corp</footer></body></html>", "text/html"));
        var siteUrl = await Infrastructure.LoopbackApp.StartAsync(site);
        await using var server = await Infrastructure.GatewayServer.StartAsync(
            KnowledgeFixture.Config(fixture.Stub.BaseUrl, """{ "allowPrivateUrls": true }"""));

        using var response = await server.Http.PostAsJsonAsync("api/v1/documents", new { url = siteUrl + "/intranet/policy", collection = "web", tags = new[] { "hr" } });
        var uploaded = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["documents"]!.AsArray();
        var document = (await WaitAsync(server.Http, Ids(uploaded))).Values.Single();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("ready", document["status"]!.GetValue<string>());
        Assert.Equal(siteUrl + "/intranet/policy", document["source_url"]!.GetValue<string>());
        var hit = (await SearchAsync(server.Http, new { query = "remote work days", mode = "lexical" }))["results"]![0]!;
        Assert.Contains("three days a week", hit["text"]!.GetValue<string>());
        Assert.Empty((await SearchAsync(server.Http, new { query = "tracking menu corp", mode = "lexical" }))["results"]!.AsArray());
    }

    [Fact]
    public async Task Unauthenticated_IsA401()
    {
        using var client = fixture.Server.ClientWithKey(null);
        using var response = await client.GetAsync("api/v1/documents");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
