using System.Net;

namespace Switchboard.Server.ControlPlane.Identity;

/// <summary>
/// The client networks an API key may be used from (CIDR; a bare address means that one address). IPv4 clients
/// arriving as IPv4-mapped IPv6 addresses (dual-stack sockets) are compared as IPv4. Immutable; thread-safe.
/// </summary>
internal sealed class NetworkAllowList
{
    private readonly IPNetwork[] _networks;

    private NetworkAllowList(IPNetwork[] networks) => _networks = networks;

    /// <summary>Parses every entry; null when the list is empty (no restriction). Invalid entries are reported in <paramref name="problem"/>.</summary>
    public static NetworkAllowList? Parse(IReadOnlyList<string> entries, out string? problem)
    {
        problem = null;
        if (entries.Count == 0)
        {
            return null;
        }

        var networks = new IPNetwork[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            if (!TryParse(entries[i], out networks[i]))
            {
                problem = $"'{entries[i]}' is not a network in CIDR form (e.g. 10.0.0.0/8, 2001:db8::/32) or an IP address";
                return null;
            }
        }

        return new NetworkAllowList(networks);
    }

    public static bool TryParse(string text, out IPNetwork network)
    {
        text = text.Trim();
        if (text.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.TryParse(text, out network);
        }

        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        network = default;
        return false;
    }

    public bool Contains(IPAddress? client)
    {
        if (client is null)
        {
            return false;
        }

        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        foreach (var network in _networks)
        {
            if (network.Contains(client))
            {
                return true;
            }
        }

        return false;
    }
}
