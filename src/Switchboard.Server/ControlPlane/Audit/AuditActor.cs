namespace Switchboard.Server.ControlPlane.Audit;

/// <summary>Who performed an audited action: a kind and, for users and keys, an id.</summary>
internal readonly record struct AuditActor(AuditActorKind Kind, string? Id)
{
    public static AuditActor System { get; } = new(AuditActorKind.System, null);

    public static AuditActor Anonymous { get; } = new(AuditActorKind.Anonymous, null);

    public static AuditActor User(Guid userId) => new(AuditActorKind.User, userId.ToString("D"));

    public static AuditActor Key(string keyId) => new(AuditActorKind.Key, keyId);
}
