using Switchboard.Knowledge.Access;
using Switchboard.Knowledge.Retrieval;

namespace Switchboard.Server.Knowledge.Api;

/// <summary><c>POST /api/v1/search</c>: ranked passages with safe highlights.</summary>
internal static class SearchEndpoints
{
    public static async Task<IResult> SearchAsync(HttpContext context, KnowledgeCaller caller)
    {
        var (body, problem) = await ApiJson.ReadAsync(context, KnowledgeApiJsonContext.Default.SearchBody).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        var search = context.RequestServices.GetRequiredService<KnowledgeSearch>();
        var response = await search.SearchAsync(caller, new SearchRequest(body.Query ?? "", body.Collections, body.Tags, body.DocumentIds, body.K ?? 10, body.Mode, body.Rerank),
            context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(new SearchView(response.Mode, response.Reranked, [.. response.Results.Select(SearchHitView.Of)]), KnowledgeApiJsonContext.Default.SearchView);
    }
}
