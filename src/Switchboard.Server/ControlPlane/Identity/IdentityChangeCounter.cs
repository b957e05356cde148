namespace Switchboard.Server.ControlPlane.Identity;

/// <summary>
/// The single row of <c>identity_changes</c>: a number that database triggers raise whenever a tenant, user, team,
/// membership, service account or API key changes, in the same transaction. Every process polls it (one indexed
/// single-row read per second) and reloads its <see cref="IdentitySnapshot"/> when it moved. See ADR 009.
/// </summary>
internal sealed class IdentityChangeCounter
{
    public const int RowId = 1;

    public int Id { get; set; }

    public long Version { get; set; }
}
