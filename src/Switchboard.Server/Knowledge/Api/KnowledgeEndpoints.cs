using Switchboard.Gateway.Auth;
using Switchboard.Knowledge.Access;
using Switchboard.Knowledge.Ingestion;
using Switchboard.Knowledge.Models;
using Switchboard.Knowledge.Retrieval;

namespace Switchboard.Server.Knowledge.Api;

/// <summary>Maps the knowledge-base API under <c>/api/v1</c> (docs/knowledge.md). Every endpoint authenticates first.</summary>
internal static class KnowledgeEndpoints
{
    public static WebApplication MapKnowledgeEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapPost("/documents", ctx => Run(ctx, DocumentEndpoints.UploadAsync));
        api.MapGet("/documents", ctx => Run(ctx, DocumentEndpoints.ListAsync));
        api.MapGet("/documents/{id}", ctx => Run(ctx, DocumentEndpoints.GetAsync));
        api.MapGet("/documents/{id}/file", ctx => Run(ctx, DocumentEndpoints.FileAsync));
        api.MapDelete("/documents/{id}", ctx => Run(ctx, DocumentEndpoints.DeleteAsync));
        api.MapPost("/documents/{id}/reindex", ctx => Run(ctx, DocumentEndpoints.ReindexAsync));
        api.MapGet("/collections", ctx => Run(ctx, CollectionEndpoints.ListAsync));
        api.MapPost("/collections", ctx => Run(ctx, CollectionEndpoints.CreateAsync));
        api.MapPatch("/collections/{name}", ctx => Run(ctx, CollectionEndpoints.UpdateAsync));
        api.MapDelete("/collections/{name}", ctx => Run(ctx, CollectionEndpoints.DeleteAsync));
        api.MapPost("/search", ctx => Run(ctx, SearchEndpoints.SearchAsync));
        api.MapPost("/chat", ctx => Run(ctx, ChatEndpoints.ChatAsync));
        api.MapGet("/conversations/{id}", ctx => Run(ctx, ChatEndpoints.ConversationAsync));
        return app;
    }

    /// <summary>Authenticates, runs the handler, and turns the knowledge base's refusals into problems with their status.</summary>
    private static async Task Run(HttpContext context, Func<HttpContext, KnowledgeCaller, Task<IResult>> handler)
    {
        var (caller, problem) = KnowledgeCallers.Authenticate(context, context.RequestServices.GetRequiredService<IApiKeyAuthenticator>());
        IResult result;
        if (caller is null)
        {
            result = problem!;
        }
        else
        {
            try
            {
                result = await handler(context, caller).ConfigureAwait(false);
            }
            catch (SearchException ex)
            {
                result = Problems.Status(ex.Status, ex.Message);
            }
            catch (IntakeException ex)
            {
                result = Problems.Status(ex.Status, ex.Message);
            }
            catch (KnowledgeModelException ex)
            {
                result = Problems.Status(ex.Status is >= 400 and < 600 ? ex.Status : 502, ex.Message);
            }
        }

        if (!context.Response.HasStarted)
        {
            await result.ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    public static string RouteValue(HttpContext context, string name) => (string)context.Request.RouteValues[name]!;
}
