using Switchboard.Server.ControlPlane;
using Switchboard.Server.ControlPlane.Admin;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.Web.Auth;

namespace Switchboard.Server.Web.Admin;

/// <summary>
/// Runs an admin page's action with the control plane's own services, as the admin API runs its requests: the user is
/// authorised first (<see cref="WebUserAccessor"/>), the services come from a fresh scope (a database context of their
/// own), and the control plane's refusals become the page's with the API's own message — invalid input and broken rules
/// (such as the tenant's only owner, 409) a <see cref="WebValidationException"/>, a 403 a <see cref="WebForbiddenException"/>.
/// One per circuit.
/// </summary>
internal sealed class ControlPlaneActions(WebUserAccessor users, IServiceScopeFactory scopes)
{
    /// <summary>Runs <paramref name="action"/> with the services of a new scope and the user's principal, once <paramref name="permission"/> is allowed.</summary>
    public async Task<T> RunAsync<T>(WebPermission permission, Func<IServiceProvider, ApiPrincipal, Task<T>> action, CancellationToken cancellationToken)
    {
        var user = await users.RequireAsync(permission, cancellationToken).ConfigureAwait(false);
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            try
            {
                return await action(scope.ServiceProvider, user.Identity!).ConfigureAwait(false);
            }
            catch (ControlPlaneValidationException ex)
            {
                throw new WebValidationException(AdminApi.Sentence(ex.Message));
            }
            catch (ControlPlaneRefusedException ex) when (ex.Status == StatusCodes.Status403Forbidden)
            {
                throw new WebForbiddenException(ex.Message);
            }
            catch (ControlPlaneRefusedException ex)
            {
                throw new WebValidationException(ex.Message);
            }
        }
    }
}
