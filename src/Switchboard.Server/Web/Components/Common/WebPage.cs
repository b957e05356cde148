using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Server.Web.Auth;
using Switchboard.Server.Web.Chat;
using Switchboard.Server.Web.Localization;

namespace Switchboard.Server.Web.Components.Common;

/// <summary>
/// Base of the interactive pages: runs an action and turns the expected refusals into a message instead of a broken
/// page — an ended session (the page is already on its way to the login form), a forbidden action, a request that
/// cannot be done as asked, a failed model call. Anything else is logged and reported as unexpected.
/// </summary>
public abstract class WebPage : ComponentBase
{
    [Inject]
    private protected ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private protected ILogger<WebPage> Logger { get; set; } = default!;

    [CascadingParameter]
    private protected UiStrings T { get; set; } = UiStrings.English;

    /// <summary>Runs <paramref name="action"/>; returns false when it was refused or failed (the user has been told).</summary>
    private protected async Task<bool> RunAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(true);
            return true;
        }
        catch (WebSessionEndedException)
        {
            return false;
        }
        catch (WebForbiddenException ex)
        {
            Snackbar.Add(T.NotAllowed + " " + ex.Message, Severity.Warning);
        }
        catch (WebValidationException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
        catch (ChatFailedException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
#pragma warning disable CA1031 // A page action must never take the page down; the failure is logged and shown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            WebLog.ActionFailed(Logger, GetType().Name, ex);
            Snackbar.Add(T.UnexpectedError, Severity.Error);
        }

        return false;
    }
}
