namespace Switchboard.Server.ControlPlane.Admin.Keys;

/// <summary>
/// <c>POST /api/v1/admin/keys</c> (exactly one of <see cref="OwnerUser"/>, <see cref="OwnerTeam"/>,
/// <see cref="ServiceAccount"/>) and <c>POST /api/v1/keys</c> (no owner: the caller).
/// </summary>
internal sealed record KeyBody(string? Name, Guid? OwnerUser, Guid? OwnerTeam, Guid? ServiceAccount, IReadOnlyList<string>? Models,
    IReadOnlyList<string>? Networks, string? Route, DateTimeOffset? ExpiresAt, int? RequestsPerMinute, int? TokensPerMinute, int? MaxConcurrentRequests);
