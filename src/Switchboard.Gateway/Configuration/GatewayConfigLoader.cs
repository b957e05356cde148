using System.Text.Json;

namespace Switchboard.Gateway.Configuration;

/// <summary>Reads and validates a config file. Stateless and thread-safe.</summary>
public static class GatewayConfigLoader
{
    /// <summary>Parses <paramref name="path"/>; throws <see cref="ConfigValidationException"/> naming every problem.</summary>
    public static GatewayConfig Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigValidationException(path, [$"cannot read the file: {ex.Message}"]);
        }

        return Parse(bytes, path);
    }

    public static GatewayConfig Parse(ReadOnlySpan<byte> json, string sourceName)
    {
        GatewayConfig? config;
        try
        {
            config = JsonSerializer.Deserialize(json, GatewayConfigJsonContext.Default.GatewayConfig);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : "";
            var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" ({ex.Path})";
            throw new ConfigValidationException(sourceName, [$"not valid JSON for the config schema{where}{path}: {FirstSentence(ex.Message)}"]);
        }

        if (config is null)
        {
            throw new ConfigValidationException(sourceName, ["the file is empty or 'null'"]);
        }

        var problems = GatewayConfigValidator.Validate(config);
        return problems.Count == 0 ? config : throw new ConfigValidationException(sourceName, problems);
    }

    // System.Text.Json appends "Path: $.x | LineNumber: 0 | BytePositionInLine: 5." which we already report, 1-based.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
