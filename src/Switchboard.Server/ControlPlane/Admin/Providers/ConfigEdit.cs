namespace Switchboard.Server.ControlPlane.Admin.Providers;

/// <summary>
/// What an edit of the config document did, for the answer and the audit log: <see cref="Change"/> (e.g.
/// <c>provider.updated</c>), the provider or alias <see cref="Name"/>, and the names (never values) of the changed
/// fields. <see cref="NotFound"/> when the edit's target does not exist (nothing is written).
/// </summary>
internal sealed record ConfigEdit(string Change, string Name, IReadOnlyList<string> Fields, bool Created = false, bool NotFound = false)
{
    public static ConfigEdit Missing(string what, string name) => new(what, name, [], NotFound: true);
}
