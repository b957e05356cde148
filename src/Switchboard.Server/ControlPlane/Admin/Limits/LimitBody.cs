namespace Switchboard.Server.ControlPlane.Admin.Limits;

/// <summary><c>PUT /api/v1/admin/limits/{scope}/{id}</c>: a field left out keeps its limit, 0 removes it.</summary>
internal sealed record LimitBody(int? RequestsPerMinute, int? TokensPerMinute, int? MaxConcurrentRequests);
