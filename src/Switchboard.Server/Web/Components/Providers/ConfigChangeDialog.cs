using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Server.Web.Auth;
using Switchboard.Server.Web.Localization;

namespace Switchboard.Server.Web.Components.Providers;

/// <summary>
/// Base of the providers page's dialogs: runs one config change; when the validator refuses it the dialog stays open
/// with the messages (nothing was written), when it is applied the dialog closes with the item's name.
/// </summary>
public abstract class ConfigChangeDialog : ComponentBase
{
    [CascadingParameter]
    private protected IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private protected UiStrings T { get; set; } = UiStrings.English;

    /// <summary>The validator's messages for the last refused change.</summary>
    private protected IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>A change is being applied (the save button waits).</summary>
    private protected bool Saving { get; private set; }

    private protected async Task ApplyAsync(Func<Task<IReadOnlyList<string>>> change, string name)
    {
        Saving = true;
        try
        {
            Problems = await change().ConfigureAwait(true);
            if (Problems.Count == 0)
            {
                Dialog.Close(DialogResult.Ok(name));
            }
        }
        catch (WebForbiddenException ex)
        {
            Problems = [ex.Message];
        }
        catch (WebSessionEndedException)
        {
            Dialog.Cancel();
        }
        finally
        {
            Saving = false;
        }
    }
}
