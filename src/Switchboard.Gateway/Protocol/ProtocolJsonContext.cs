using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Switchboard.Gateway.Protocol;

[JsonSerializable(typeof(JsonObject))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
