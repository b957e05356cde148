using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Switchboard.Knowledge.Ingestion;
using Switchboard.Knowledge.Store;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.Knowledge;
using Switchboard.Server.Web.Auth;
using Switchboard.Server.Web.KnowledgeBase;

namespace Switchboard.Server.Web;

/// <summary>
/// The web application's plain HTTP endpoints: logout (a form post, antiforgery-validated because it binds a form
/// field) and <c>/files/{id}</c>, the original of a document for the session's user — the route citations and document
/// links open, at <c>#page=N</c> for PDFs. The API's <c>/api/v1/documents/{id}/file</c> keeps requiring a key.
/// </summary>
internal static class WebAccountEndpoints
{
    public static IEndpointRouteBuilder MapWebAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", LogoutAsync).WithMetadata(WebUiEndpoint.Instance);
        app.MapGet("/files/{id}", FileAsync).WithMetadata(WebUiEndpoint.Instance);
        return app;
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, [FromForm(Name = "returnUrl")] string? returnUrl, AccountService accounts,
        CancellationToken cancellationToken)
    {
        await WebSessions.SignOutAsync(context, accounts, cancellationToken).ConfigureAwait(false);
        return TypedResults.LocalRedirect("/login?signedOut=1");
    }

    private static async Task<IResult> FileAsync(HttpContext context, string id, WebKnowledgeCallers callers, KnowledgeStore store, FileStore files,
        CancellationToken cancellationToken)
    {
        if (WebUser.From(context.User) is not { } user)
        {
            return TypedResults.Redirect("/login?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
        }

        if (!user.Can(WebPermission.ReadKnowledge))
        {
            return TypedResults.Forbid();
        }

        var caller = await callers.ForAsync(user, cancellationToken).ConfigureAwait(false);
        var document = store.GetDocument(id);
        var collection = document is null ? null : store.GetCollectionById(document.CollectionId);
        if (collection is null || !caller.CanUse(collection) || document!.ContentHash.Length != 64 || !files.Exists(document.ContentHash))
        {
            return TypedResults.NotFound();
        }

        context.RequestServices.GetRequiredService<KnowledgeAuditListener>().DocumentOpened(caller, document, context.Request, "web");
        // PDFs open inline (so #page=N works) in the browser's own viewer; anything else downloads and may never render on this origin.
        var pdf = document.ContentType == "application/pdf" || document.Name.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase);
        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.CacheControl] = "private, no-store";
        if (!pdf)
        {
            headers[HeaderNames.ContentSecurityPolicy] = "sandbox";
        }

        return TypedResults.Stream(files.Open(document.ContentHash), pdf ? "application/pdf" : "application/octet-stream",
            pdf ? null : Path.GetFileName(document.Name), enableRangeProcessing: true);
    }
}
