using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.Web.Analytics;

/// <summary>
/// Names for the ids the usage ledger groups by: users (their name, else e-mail), teams and API keys of the tenant. A key
/// id <c>user:&lt;id&gt;</c> is a user's own session (the web application, access tokens) and is named after the user.
/// Only ids from the caller's own report are looked up, so nothing outside its scope is named. Thread-safe.
/// </summary>
internal sealed class UsageGroupNames(IDbContextFactory<ControlPlaneDbContext> contexts)
{
    public const string SessionKeyPrefix = "user:";

    public async Task<IReadOnlyDictionary<string, string>> ForAsync(Guid tenantId, string? groupBy, IEnumerable<string?> groups,
        CancellationToken cancellationToken)
    {
        var ids = groups.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (groupBy is not ("user" or "team" or "key") || ids.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.TenantScope = tenantId;
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            if (groupBy == "team")
            {
                var teams = Guids(ids);
                foreach (var team in await db.Teams.AsNoTracking().Where(t => teams.Contains(t.Id)).Select(t => new { t.Id, t.Name })
                             .ToListAsync(cancellationToken).ConfigureAwait(false))
                {
                    names[team.Id.ToString("D")] = team.Name;
                }

                return names;
            }

            if (groupBy == "key")
            {
                var keys = Guids(ids);
                foreach (var key in await db.ApiKeys.AsNoTracking().Where(k => keys.Contains(k.Id)).Select(k => new { k.Id, k.Name })
                             .ToListAsync(cancellationToken).ConfigureAwait(false))
                {
                    names[key.Id.ToString("D")] = key.Name;
                }
            }

            var userIds = groupBy == "user" ? ids : [.. ids.Where(i => i.StartsWith(SessionKeyPrefix, StringComparison.Ordinal)).Select(i => i[SessionKeyPrefix.Length..])];
            var users = Guids(userIds);
            foreach (var user in await db.Users.AsNoTracking().Where(u => users.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email })
                         .ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                var name = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email : user.DisplayName;
                names[(groupBy == "user" ? "" : SessionKeyPrefix) + user.Id.ToString("D")] = name;
            }

            return names;
        }
    }

    private static List<Guid> Guids(IEnumerable<string> ids) => [.. ids.Select(i => Guid.TryParse(i, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)];
}
