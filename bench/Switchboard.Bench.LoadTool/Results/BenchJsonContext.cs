using System.Text.Json.Serialization;
using Switchboard.Bench.LoadTool.Reporting;

namespace Switchboard.Bench.LoadTool.Results;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LoadResult))]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
