namespace Switchboard.Server.ControlPlane.ApiKeys;

/// <summary>What owns an API key; the key acts with the owner's role (team keys: member).</summary>
internal enum KeyOwnerKind
{
    User,
    Team,
    ServiceAccount,
}
