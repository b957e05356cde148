namespace Switchboard.Server.ControlPlane.Audit;

/// <summary>
/// An event handed to <see cref="AuditLog"/>; the writer gives it a sequence number and hashes.
/// <see cref="Details"/> is a JSON object (see <see cref="AuditDetails"/>) or null.
/// </summary>
internal sealed record AuditRecord(
    AuditActor Actor,
    string Action,
    Guid? TenantId = null,
    string? Target = null,
    string? Details = null);
