using System.Text.RegularExpressions;
using Switchboard.Knowledge.Access;
using Switchboard.Knowledge.Ingestion;
using Switchboard.Knowledge.Store;

namespace Switchboard.Server.Knowledge.Api;

/// <summary>Collections: list what the caller may read, create, change settings and sharing, delete with every document.</summary>
internal static partial class CollectionEndpoints
{
    public static Task<IResult> ListAsync(HttpContext context, KnowledgeCaller caller)
    {
        var store = context.RequestServices.GetRequiredService<KnowledgeStore>();
        var list = store.ListCollections(caller.Tenant).Where(caller.CanUse).Select(CollectionView.Of).ToList();
        return Task.FromResult<IResult>(TypedResults.Json(new CollectionList(list), KnowledgeApiJsonContext.Default.CollectionList));
    }

    public static async Task<IResult> CreateAsync(HttpContext context, KnowledgeCaller caller)
    {
        var (body, problem) = await ApiJson.ReadAsync(context, KnowledgeApiJsonContext.Default.CollectionBody).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        if (ValidateName(body.Name) is { } invalid)
        {
            return Problems.BadRequest(invalid);
        }

        var store = context.RequestServices.GetRequiredService<KnowledgeStore>();
        var created = store.CreateCollection(caller.Tenant, body.Name!, caller.Principal, body.Groups ?? [], body.Description, body.PromptTemplate, body.ChatModel,
            body.Strict);
        return created is null
            ? Problems.Status(409, $"A collection named '{body.Name}' already exists.")
            : TypedResults.Json(CollectionView.Of(created), KnowledgeApiJsonContext.Default.CollectionView, statusCode: 201);
    }

    public static async Task<IResult> UpdateAsync(HttpContext context, KnowledgeCaller caller)
    {
        var (body, problem) = await ApiJson.ReadAsync(context, KnowledgeApiJsonContext.Default.CollectionBody).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        if (Manageable(context, caller, out var collection) is { } refused)
        {
            return refused;
        }

        if (body.PromptTemplate is { } template && !template.Contains("{sources}", StringComparison.Ordinal))
        {
            return Problems.BadRequest("prompt_template must contain {sources}, where the numbered passages go.");
        }

        var updated = collection! with
        {
            Groups = body.Groups ?? collection.Groups,
            Description = body.Description ?? collection.Description,
            PromptTemplate = body.PromptTemplate ?? collection.PromptTemplate,
            ChatModel = body.ChatModel ?? collection.ChatModel,
            Strict = body.Strict ?? collection.Strict,
        };
        context.RequestServices.GetRequiredService<KnowledgeStore>().UpdateCollection(updated);
        return TypedResults.Json(CollectionView.Of(updated), KnowledgeApiJsonContext.Default.CollectionView);
    }

    public static Task<IResult> DeleteAsync(HttpContext context, KnowledgeCaller caller)
    {
        if (Manageable(context, caller, out var collection) is { } refused)
        {
            return Task.FromResult<IResult>(refused);
        }

        context.RequestServices.GetRequiredService<DocumentIntake>().DeleteCollection(collection!, caller);
        return Task.FromResult<IResult>(TypedResults.NoContent());
    }

    /// <summary>Null when the name is usable: 1–64 letters, digits, '-', '_' or '.', starting with a letter or digit.</summary>
    public static string? ValidateName(string? name) =>
        name is not null && NamePattern().IsMatch(name)
            ? null
            : "The collection name must be 1–64 characters: letters, digits, '-', '_' or '.', starting with a letter or digit.";

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Manageable(HttpContext context, KnowledgeCaller caller, out CollectionRecord? collection)
    {
        var name = KnowledgeEndpoints.RouteValue(context, "name");
        collection = context.RequestServices.GetRequiredService<KnowledgeStore>().GetCollection(caller.Tenant, name);
        if (collection is null || !caller.CanUse(collection))
        {
            return Problems.NotFound($"The collection '{name}' does not exist.");
        }

        return caller.CanManage(collection) ? null : Problems.Status(403, $"Only the owner or an admin may change the collection '{name}'.");
    }

    [GeneratedRegex(@"^[\p{L}\p{Nd}][\p{L}\p{Nd}_.\-]{0,63}$")]
    private static partial Regex NamePattern();
}
