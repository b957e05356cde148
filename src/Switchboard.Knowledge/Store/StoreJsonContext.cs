using System.Text.Json.Serialization;

namespace Switchboard.Knowledge.Store;

/// <summary>Source-generated JSON for the small lists kept in columns (groups, tags, collection ids).</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
