using System.Text.Json.Serialization;

namespace Switchboard.Gateway.Configuration;

/// <summary>
/// Source-generated reader for the config file. Unknown properties are rejected so that a typo
/// (<c>"deploymnets"</c>) is reported instead of silently ignored.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = true)]
[JsonSerializable(typeof(GatewayConfig))]
internal sealed partial class GatewayConfigJsonContext : JsonSerializerContext;
