using Switchboard.Gateway.Auth;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Tenancy;

namespace Switchboard.Server.ControlPlane.Authorization;

/// <summary>
/// Enforces <see cref="RequiredPermission"/> on every endpoint that declares it: authenticates the caller unless the
/// gateway's key middleware already did (<c>/v1</c>), checks the permission against <see cref="RolePolicy"/>, and hands
/// the endpoint its <see cref="ApiPrincipal"/> (and the gateway's endpoints their caller). Endpoints without the
/// metadata pass through untouched (health, metrics, login).
/// </summary>
internal sealed class PermissionMiddleware(RequestDelegate next, ProductAuthenticator authenticator)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiredPermission>() is not { } required)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var principal = ApiPrincipal.Find(context);
        if (principal is null)
        {
            (principal, var failure) = await authenticator.AuthenticateAsync(context).ConfigureAwait(false);
            if (principal is null)
            {
                await failure!.WriteAsync(context).ConfigureAwait(false);
                return;
            }
        }

        if (required.Permission is { } permission && !principal.Can(permission))
        {
            await AuthorizationFailure.Forbidden(Refusal(principal, permission)).WriteAsync(context).ConfigureAwait(false);
            return;
        }

        if (principal.TenantId is null && (required.Permission is null || !Permissions.ServerWide.Contains(required.Permission)))
        {
            // The bootstrap admin key on a fresh server: tenant-scoped work needs a tenant, so the default one is created.
            var provisioning = context.RequestServices.GetRequiredService<TenantProvisioning>();
            var tenant = await provisioning.EnsureOperatorTenantAsync(AuditActor.Key(principal.Gateway.KeyId), context.RequestAborted).ConfigureAwait(false);
            principal = principal with { TenantId = tenant.Id, TenantSlug = tenant.Slug, Gateway = principal.Gateway with { TenantId = tenant.Id.ToString("D") } };
        }

        ApiPrincipal.Set(context, principal);
        if (GatewayAuthMiddleware.TryGetCaller(context) is null)
        {
            GatewayAuthMiddleware.SetCaller(context, principal.Gateway);
        }

        await next(context).ConfigureAwait(false);
    }

    private static string Refusal(ApiPrincipal principal, string permission)
    {
        var role = principal.Role.ToString().ToLowerInvariant();
        return RolePolicy.Grants(principal.Role, permission)
            ? $"The permission '{permission}' covers the whole server; only owners and admins of the operator tenant hold it."
            : $"Your role ({role}) does not have the permission '{permission}'.";
    }
}
