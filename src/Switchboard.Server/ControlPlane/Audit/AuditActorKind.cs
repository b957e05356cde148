namespace Switchboard.Server.ControlPlane.Audit;

/// <summary>Who performed an audited action.</summary>
internal enum AuditActorKind
{
    /// <summary>Switchboard itself or an operator at the command line.</summary>
    System,

    /// <summary>A logged-in user; the actor id is the user id.</summary>
    User,

    /// <summary>A caller authenticated by an API key; the actor id is the key id.</summary>
    Key,

    /// <summary>An unauthenticated caller, e.g. a failed login.</summary>
    Anonymous,
}
