using Switchboard.Knowledge.Access;
using Switchboard.Knowledge.Ingestion;
using Switchboard.Knowledge.Models;
using Switchboard.Knowledge.Retrieval;
using Switchboard.Server.ControlPlane.Authorization;

namespace Switchboard.Server.Knowledge.Api;

/// <summary>
/// Maps the knowledge-base API under <c>/api/v1</c> (docs/knowledge.md). Each endpoint declares its permission; the
/// permission middleware authenticates (API key or access token) before the handler runs. Collections and conversations
/// are the caller's tenant's.
/// </summary>
internal static class KnowledgeEndpoints
{
    public static WebApplication MapKnowledgeEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapPost("/documents", ctx => Run(ctx, DocumentEndpoints.UploadAsync)).RequirePermission(Permissions.KnowledgeWrite);
        api.MapGet("/documents", ctx => Run(ctx, DocumentEndpoints.ListAsync)).RequirePermission(Permissions.KnowledgeRead);
        api.MapGet("/documents/{id}", ctx => Run(ctx, DocumentEndpoints.GetAsync)).RequirePermission(Permissions.KnowledgeRead);
        api.MapGet("/documents/{id}/file", ctx => Run(ctx, DocumentEndpoints.FileAsync)).RequirePermission(Permissions.KnowledgeRead);
        api.MapDelete("/documents/{id}", ctx => Run(ctx, DocumentEndpoints.DeleteAsync)).RequirePermission(Permissions.KnowledgeWrite);
        api.MapPost("/documents/{id}/reindex", ctx => Run(ctx, DocumentEndpoints.ReindexAsync)).RequirePermission(Permissions.KnowledgeWrite);
        api.MapGet("/collections", ctx => Run(ctx, CollectionEndpoints.ListAsync)).RequirePermission(Permissions.KnowledgeRead);
        api.MapPost("/collections", ctx => Run(ctx, CollectionEndpoints.CreateAsync)).RequirePermission(Permissions.KnowledgeWrite);
        // Changing or deleting a collection also needs its ownership or knowledge.manage (KnowledgeCaller.CanManage).
        api.MapPatch("/collections/{name}", ctx => Run(ctx, CollectionEndpoints.UpdateAsync)).RequirePermission(Permissions.KnowledgeWrite);
        api.MapDelete("/collections/{name}", ctx => Run(ctx, CollectionEndpoints.DeleteAsync)).RequirePermission(Permissions.KnowledgeWrite);
        api.MapPost("/search", ctx => Run(ctx, SearchEndpoints.SearchAsync)).RequirePermission(Permissions.KnowledgeRead);
        api.MapPost("/chat", ctx => Run(ctx, ChatEndpoints.ChatAsync)).RequirePermission(Permissions.ChatUse);
        api.MapGet("/conversations/{id}", ctx => Run(ctx, ChatEndpoints.ConversationAsync)).RequirePermission(Permissions.ChatUse);
        return app;
    }

    /// <summary>Runs the handler for the authenticated caller and turns the knowledge base's refusals into problems with their status.</summary>
    private static async Task Run(HttpContext context, Func<HttpContext, KnowledgeCaller, Task<IResult>> handler)
    {
        var caller = KnowledgeCallers.Of(ApiPrincipal.Get(context));
        IResult result;
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

        if (!context.Response.HasStarted)
        {
            await result.ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    public static string RouteValue(HttpContext context, string name) => (string)context.Request.RouteValues[name]!;
}
