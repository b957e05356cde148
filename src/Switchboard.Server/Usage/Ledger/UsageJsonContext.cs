using System.Text.Json.Serialization;
using Switchboard.Gateway.Accounting;

namespace Switchboard.Server.Usage.Ledger;

/// <summary>Ledger rows as spill-file lines (one JSON object per line).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(UsageEntry))]
internal sealed partial class UsageJsonContext : JsonSerializerContext;
