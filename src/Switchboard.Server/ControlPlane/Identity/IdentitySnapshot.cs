using System.Collections.Frozen;
using Switchboard.Gateway.Auth;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Authorization;

namespace Switchboard.Server.ControlPlane.Identity;

/// <summary>
/// Everything authentication needs, in memory: API keys by SHA-256 (and by id), users with their roles and teams,
/// tenants. Built by <see cref="IdentitySnapshotLoader"/>, replaced whole by <see cref="IdentityDirectory"/> when the
/// database changes, never modified. Thread-safe.
/// </summary>
internal sealed class IdentitySnapshot
{
    public const string BootstrapKeyId = "admin";

    private readonly FrozenDictionary<string, KeyEntry> _keysByHash;
    private readonly FrozenDictionary<string, KeyEntry>.AlternateLookup<ReadOnlySpan<char>> _keysByHashSpan;
    private readonly FrozenDictionary<string, KeyEntry> _keysById;
    private readonly FrozenDictionary<Guid, UserEntry> _users;
    private readonly FrozenDictionary<Guid, TenantEntry> _tenants;
    private readonly FrozenDictionary<string, TenantEntry> _tenantsBySlug;

    public IdentitySnapshot(long version, IEnumerable<TenantEntry> tenants, IEnumerable<UserEntry> users, IEnumerable<(string Hash, KeyEntry Entry)> keys)
    {
        Version = version;
        _tenants = tenants.ToFrozenDictionary(t => t.Id);
        _tenantsBySlug = _tenants.Values.ToFrozenDictionary(t => t.Slug, StringComparer.Ordinal);
        Operator = _tenants.Values.FirstOrDefault(t => t.IsOperator);
        _users = users.ToFrozenDictionary(u => u.Id);
        var keyList = keys.ToList();
        _keysByHash = keyList.ToFrozenDictionary(k => k.Hash, k => k.Entry, StringComparer.Ordinal);
        _keysByHashSpan = _keysByHash.GetAlternateLookup<ReadOnlySpan<char>>();
        _keysById = keyList.ToFrozenDictionary(k => k.Entry.Principal.Gateway.KeyId, k => k.Entry, StringComparer.Ordinal);
        Bootstrap = BootstrapIn(Operator);
    }

    public static IdentitySnapshot Empty { get; } = new(-1, [], [], []);

    /// <summary>The <c>identity_changes</c> counter this snapshot was loaded at.</summary>
    public long Version { get; }

    /// <summary>The oldest tenant: it runs the server, so its owners and admins hold the server-wide permissions.</summary>
    public TenantEntry? Operator { get; }

    /// <summary>The bootstrap admin key's principal, acting in the operator tenant.</summary>
    public ApiPrincipal Bootstrap { get; }

    public int KeyCount => _keysByHash.Count;

    public bool TryGetKey(ReadOnlySpan<char> hash, out KeyEntry entry) => _keysByHashSpan.TryGetValue(hash, out entry!);

    public KeyEntry? KeyById(string keyId) => _keysById.GetValueOrDefault(keyId);

    public UserEntry? User(Guid id) => _users.GetValueOrDefault(id);

    public TenantEntry? Tenant(Guid id) => _tenants.GetValueOrDefault(id);

    public TenantEntry? TenantBySlug(string slug) => _tenantsBySlug.GetValueOrDefault(slug.Trim().ToLowerInvariant());

    /// <summary>The bootstrap admin key's principal acting in <paramref name="tenant"/> (null: no tenant yet).</summary>
    public static ApiPrincipal BootstrapIn(TenantEntry? tenant) => new()
    {
        Kind = PrincipalKind.BootstrapAdmin,
        TenantId = tenant?.Id,
        TenantSlug = tenant?.Slug,
        IsOperator = true,
        Role = UserRole.Owner,
        Name = "bootstrap admin key",
        Gateway = new GatewayCaller(BootstrapKeyId, "bootstrap admin key", null, IsAdmin: true)
        {
            TenantId = tenant?.Id.ToString("D"),
            Currency = tenant?.Currency,
            Role = "owner",
        },
    };
}
