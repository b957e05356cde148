namespace Switchboard.Server.ControlPlane.Authorization;

/// <summary>Declares on an endpoint (or a group) what a caller needs to call it.</summary>
internal static class PermissionConventions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder
    {
        if (!Permissions.All.Contains(permission))
        {
            throw new ArgumentException($"'{permission}' is not a permission in Permissions.All.", nameof(permission));
        }

        return builder.WithMetadata(new RequiredPermission(permission));
    }

    /// <summary>Any authenticated caller, whatever their role (e.g. "who am I").</summary>
    public static TBuilder RequireSignedIn<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RequiredPermission(null));
}
