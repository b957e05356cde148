using System.Globalization;
using Microsoft.Extensions.Primitives;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Authorization;

namespace Switchboard.Server.ControlPlane.Admin.Audit;

/// <summary>
/// The filters of <c>GET /api/v1/admin/audit</c>: <c>action</c> (exact, or a prefix ending in <c>*</c>), <c>actor</c>
/// (<c>user:&lt;id&gt;</c>, <c>key:&lt;id&gt;</c>, <c>system</c>, <c>anonymous</c>), <c>target</c> (exact), <c>from</c>/<c>to</c> (ISO
/// 8601, inclusive/exclusive), <c>before</c> (a sequence number: the page below it) and <c>limit</c> (1-500, default 100).
/// </summary>
internal sealed record AuditQuery(string? Action, AuditActorKind? ActorKind, string? ActorId, string? Target, DateTimeOffset? From, DateTimeOffset? To,
    long? Before, int Limit)
{
    public const int MaxLimit = 500;

    public static (AuditQuery? Query, string? Problem) Parse(IQueryCollection query)
    {
        AuditActorKind? kind = null;
        string? actorId = null;
        if (Value(query["actor"]) is { } actor)
        {
            var colon = actor.IndexOf(':', StringComparison.Ordinal);
            var kindText = colon < 0 ? actor : actor[..colon];
            if (!Enum.TryParse<AuditActorKind>(kindText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return (null, "'actor' must be user:<id>, key:<id>, system or anonymous.");
            }

            kind = parsed;
            actorId = colon < 0 ? null : actor[(colon + 1)..];
        }

        if (!TryTime(query["from"], out var from) || !TryTime(query["to"], out var to))
        {
            return (null, "'from' and 'to' must be ISO 8601 times, e.g. 2026-11-24T09:00:00Z.");
        }

        long? before = null;
        if (Value(query["before"]) is { } beforeText)
        {
            if (!long.TryParse(beforeText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                return (null, "'before' must be a sequence number from a previous page's next_before.");
            }

            before = parsed;
        }

        var limit = 100;
        if (Value(query["limit"]) is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return (null, $"'limit' must be an integer from 1 to {MaxLimit}.");
        }

        return (new AuditQuery(Value(query["action"]), kind, actorId, Value(query["target"]), from, to, before, limit), null);
    }

    public static string ActorText(AuditActorKind kind, string? id) =>
        kind.ToString().ToLowerInvariant() + (id is null ? "" : ":" + id);

    /// <summary>The tenants whose entries <paramref name="principal"/> sees: its own, plus server-wide entries for holders of <c>system.read</c>.</summary>
    public static bool SeesServerWide(ApiPrincipal principal) => principal.Can(Permissions.SystemRead);

    private static string? Value(StringValues values) => values.ToString() is { Length: > 0 } text ? text.Trim() : null;

    private static bool TryTime(StringValues values, out DateTimeOffset? time)
    {
        time = null;
        if (Value(values) is not { } text)
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        time = parsed;
        return true;
    }
}
