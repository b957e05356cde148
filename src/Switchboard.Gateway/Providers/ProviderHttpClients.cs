using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Switchboard.Gateway.Providers;

/// <summary>
/// HTTP clients for providers whose TLS certificates chain to a root the system does not trust (GigaChat
/// and the Russian Trusted Root CA): the system's verdict stands unless the only problem is the chain,
/// and then the chain must build to one of the bundle's roots. Host names are always checked; there is
/// no way to turn verification off. One client per bundle (by content), kept for the process.
/// </summary>
internal static class ProviderHttpClients
{
    private static readonly ConcurrentDictionary<string, HttpClient> Clients = new(StringComparer.Ordinal);

    public static HttpClient WithCaBundle(string bundlePath)
    {
        var pem = File.ReadAllText(bundlePath);
        var key = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(pem)));
        return Clients.GetOrAdd(key, _ => Create(pem, bundlePath));
    }

    private static HttpClient Create(string pem, string bundlePath)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(pem);
        if (roots.Count == 0)
        {
            throw new InvalidOperationException($"caBundle '{bundlePath}' holds no PEM certificate");
        }

        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors, roots),
            },
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    internal static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            // A wrong host name or no certificate: never acceptable.
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        // CRL endpoints of private roots are often unreachable from closed networks; the chain itself is checked.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
