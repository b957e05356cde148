using Microsoft.Net.Http.Headers;
using Switchboard.Knowledge;
using Switchboard.Knowledge.Access;
using Switchboard.Knowledge.Ingestion;
using Switchboard.Knowledge.Store;

namespace Switchboard.Server.Knowledge.Api;

/// <summary>
/// Documents: upload files (multipart, one or many) or a URL (JSON), list with filters, show one with its status
/// and error, download the original, re-index, delete. A document is visible to whoever may read its collection;
/// to anyone else it does not exist (404).
/// </summary>
internal static class DocumentEndpoints
{
    public const int MaxLimit = 500;

    public static async Task<IResult> UploadAsync(HttpContext context, KnowledgeCaller caller)
    {
        var intake = context.RequestServices.GetRequiredService<DocumentIntake>();
        if (context.Request.HasJsonContentType())
        {
            return await UploadUrlAsync(context, caller, intake).ConfigureAwait(false);
        }

        if (!context.Request.HasFormContentType)
        {
            return Problems.Status(415, "Send files as multipart/form-data (fields: collection, tags, one or more files) or a URL as JSON {\"url\", \"collection\"}.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var name = form["collection"].ToString();
        if (CollectionEndpoints.ValidateName(name) is { } invalid)
        {
            return Problems.BadRequest("Field 'collection': " + invalid);
        }

        if (form.Files.Count == 0)
        {
            return Problems.BadRequest("The upload contains no files.");
        }

        var collection = intake.CollectionForUpload(caller, name);
        var tags = Tags(form["tags"]);
        var views = new List<DocumentView>(form.Files.Count);
        foreach (var file in form.Files)
        {
            await using var stream = file.OpenReadStream();
            var result = await intake.AddAsync(caller, collection, file.FileName, stream, file.ContentType, tags, null, context.RequestAborted)
                .ConfigureAwait(false);
            views.Add(DocumentView.Of(result.Document, collection.Name, result.Outcome.ToString().ToLowerInvariant()));
        }

        return TypedResults.Json(new UploadResponse(views), KnowledgeApiJsonContext.Default.UploadResponse, statusCode: 202);
    }

    public static Task<IResult> ListAsync(HttpContext context, KnowledgeCaller caller)
    {
        var query = context.Request.Query;
        var store = context.RequestServices.GetRequiredService<KnowledgeStore>();
        var collections = store.ListCollections(caller.Tenant).Where(caller.CanUse).ToList();
        if (query["collection"].ToString() is { Length: > 0 } only)
        {
            collections = [.. collections.Where(c => c.Name == only)];
            if (collections.Count == 0)
            {
                return Task.FromResult<IResult>(Problems.NotFound($"The collection '{only}' does not exist."));
            }
        }

        var status = query["status"].ToString();
        if (status.Length > 0 && !DocumentStatus.All.Contains(status))
        {
            return Task.FromResult<IResult>(Problems.BadRequest($"status must be one of {string.Join(", ", DocumentStatus.All)}."));
        }

        if (!TryInt(query["offset"], 0, 0, int.MaxValue, out var offset) || !TryInt(query["limit"], 50, 1, MaxLimit, out var limit))
        {
            return Task.FromResult<IResult>(Problems.BadRequest($"offset must be a non-negative integer and limit an integer from 1 to {MaxLimit}."));
        }

        var names = collections.ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        var (items, total) = store.ListDocuments(new DocumentQuery
        {
            CollectionIds = names.Keys,
            Status = status.Length > 0 ? status : null,
            Tag = query["tag"].ToString() is { Length: > 0 } tag ? tag : null,
            Text = query["q"].ToString() is { Length: > 0 } text ? text : null,
            Offset = offset,
            Limit = limit,
        });
        var list = new DocumentList([.. items.Select(d => DocumentView.Of(d, names[d.CollectionId]))], total, offset, limit);
        return Task.FromResult<IResult>(TypedResults.Json(list, KnowledgeApiJsonContext.Default.DocumentList));
    }

    public static Task<IResult> GetAsync(HttpContext context, KnowledgeCaller caller) =>
        Task.FromResult<IResult>(Visible(context, caller, out var document, out var collection) is { } refused
            ? refused
            : TypedResults.Json(DocumentView.Of(document!, collection!.Name), KnowledgeApiJsonContext.Default.DocumentView));

    public static Task<IResult> FileAsync(HttpContext context, KnowledgeCaller caller)
    {
        if (Visible(context, caller, out var document, out _) is { } refused)
        {
            return Task.FromResult<IResult>(refused);
        }

        var files = context.RequestServices.GetRequiredService<FileStore>();
        if (document!.ContentHash.Length != 64 || !files.Exists(document.ContentHash))
        {
            return Task.FromResult<IResult>(Problems.NotFound($"The original file of '{document.Name}' is not stored (it was rejected at upload)."));
        }

        context.RequestServices.GetRequiredService<KnowledgeAuditListener>().DocumentOpened(caller, document, context.Request, "api");
        // Inline for PDFs (so #page=N opens the cited page), as an attachment for everything else: an uploaded HTML file
        // must never render on our origin.
        var inline = document.ContentType == "application/pdf" || document.Name.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase);
        context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        context.Response.Headers[HeaderNames.ContentSecurityPolicy] = "sandbox";
        return Task.FromResult<IResult>(TypedResults.Stream(files.Open(document.ContentHash), inline ? "application/pdf" : "application/octet-stream",
            inline ? null : Path.GetFileName(document.Name), enableRangeProcessing: true));
    }

    public static Task<IResult> DeleteAsync(HttpContext context, KnowledgeCaller caller)
    {
        if (Visible(context, caller, out var document, out _) is { } refused)
        {
            return Task.FromResult<IResult>(refused);
        }

        context.RequestServices.GetRequiredService<DocumentIntake>().Delete(document!.Id, caller);
        return Task.FromResult<IResult>(TypedResults.NoContent());
    }

    public static Task<IResult> ReindexAsync(HttpContext context, KnowledgeCaller caller)
    {
        if (Visible(context, caller, out var document, out var collection) is { } refused)
        {
            return Task.FromResult<IResult>(refused);
        }

        if (document!.ContentHash.Length != 64)
        {
            return Task.FromResult<IResult>(Problems.Status(409, $"'{document.Name}' was rejected at upload; upload it again instead."));
        }

        var store = context.RequestServices.GetRequiredService<KnowledgeStore>();
        context.RequestServices.GetRequiredService<DocumentIntake>().Reindex(document.Id);
        return Task.FromResult<IResult>(TypedResults.Json(DocumentView.Of(store.GetDocument(document.Id) ?? document, collection!.Name),
            KnowledgeApiJsonContext.Default.DocumentView, statusCode: 202));
    }

    private static async Task<IResult> UploadUrlAsync(HttpContext context, KnowledgeCaller caller, DocumentIntake intake)
    {
        var (body, problem) = await ApiJson.ReadAsync(context, KnowledgeApiJsonContext.Default.UrlBody).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        if (CollectionEndpoints.ValidateName(body.Collection) is { } invalid)
        {
            return Problems.BadRequest("Field 'collection': " + invalid);
        }

        var collection = intake.CollectionForUpload(caller, body.Collection!);
        var options = context.RequestServices.GetRequiredService<Func<KnowledgeOptions>>()();
        var (fileName, contentType, stream) = await context.RequestServices.GetRequiredService<UrlFetcher>()
            .FetchAsync(body.Url ?? "", options, context.RequestAborted).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var result = await intake.AddAsync(caller, collection, fileName, stream, contentType, body.Tags ?? [], body.Url, context.RequestAborted)
                .ConfigureAwait(false);
            return TypedResults.Json(new UploadResponse([DocumentView.Of(result.Document, collection.Name, result.Outcome.ToString().ToLowerInvariant())]),
                KnowledgeApiJsonContext.Default.UploadResponse, statusCode: 202);
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Visible(HttpContext context, KnowledgeCaller caller, out DocumentRecord? document, out CollectionRecord? collection)
    {
        var id = KnowledgeEndpoints.RouteValue(context, "id");
        var store = context.RequestServices.GetRequiredService<KnowledgeStore>();
        document = store.GetDocument(id);
        collection = document is null ? null : store.GetCollectionById(document.CollectionId);
        return collection is not null && caller.CanUse(collection) ? null : Problems.NotFound($"The document '{id}' does not exist.");
    }

    private static List<string> Tags(Microsoft.Extensions.Primitives.StringValues values) =>
        [.. values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];

    private static bool TryInt(Microsoft.Extensions.Primitives.StringValues value, int fallback, int min, int max, out int result)
    {
        result = fallback;
        return value.Count == 0 || (int.TryParse(value.ToString(), out result) && result >= min && result <= max);
    }
}
