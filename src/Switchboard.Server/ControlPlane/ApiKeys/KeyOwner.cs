namespace Switchboard.Server.ControlPlane.ApiKeys;

/// <summary>The one user, team or service account an API key belongs to.</summary>
internal readonly record struct KeyOwner(KeyOwnerKind Kind, Guid Id)
{
    public static KeyOwner User(Guid id) => new(KeyOwnerKind.User, id);

    public static KeyOwner Team(Guid id) => new(KeyOwnerKind.Team, id);

    public static KeyOwner ServiceAccount(Guid id) => new(KeyOwnerKind.ServiceAccount, id);

    public static KeyOwner Of(ApiKey key) =>
        key.OwnerUserId is { } user ? User(user) : key.OwnerTeamId is { } team ? Team(team) : ServiceAccount(key.OwnerServiceAccountId!.Value);

    /// <summary><c>user:…</c>, <c>team:…</c> or <c>service_account:…</c>, as audit targets and API views name owners.</summary>
    public override string ToString() => Kind switch
    {
        KeyOwnerKind.User => $"user:{Id:D}",
        KeyOwnerKind.Team => $"team:{Id:D}",
        _ => $"service_account:{Id:D}",
    };
}
