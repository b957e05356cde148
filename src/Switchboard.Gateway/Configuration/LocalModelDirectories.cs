using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Gateway.Configuration;

/// <summary>
/// The GGUF files in the models directories of <c>llamacpp</c> providers: each becomes an alias
/// <c>local/&lt;name&gt;</c> (its path below the directory, without <c>.gguf</c>) unless the config already
/// defines that alias, so a model dropped into the directory is usable without editing the config. The
/// listing is part of what the config watcher compares, so added and removed files show up within its poll.
/// </summary>
internal static class LocalModelDirectories
{
    public const string AliasPrefix = "local/";

    /// <summary>The models of every llamacpp provider: (provider, alias, model path relative to its directory).</summary>
    public static IEnumerable<(string Provider, string Alias, string Model)> Discover(GatewayConfig config)
    {
        foreach (var provider in config.Providers.Where(p => p.Type == ProviderTypes.LlamaCpp))
        {
            var directory = provider.ModelsDirectory ?? "models";
            foreach (var file in List(directory))
            {
                var relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
                yield return (provider.Name, AliasPrefix + relative[..^".gguf".Length], relative);
            }
        }
    }

    /// <summary>A fingerprint of the files (names, sizes, times) in the models directories named by a config file's text.</summary>
    public static byte[] Fingerprint(GatewayConfig? config)
    {
        var listing = new StringBuilder();
        foreach (var provider in config?.Providers.Where(p => p.Type == ProviderTypes.LlamaCpp) ?? [])
        {
            foreach (var file in List(provider.ModelsDirectory ?? "models"))
            {
                var info = new FileInfo(file);
                listing.Append(file).Append('|').Append(info.Length).Append('|').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
            }
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(listing.ToString()));
    }

    private static List<string> List(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        try
        {
            return Directory.EnumerateFiles(directory, "*.gguf", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
