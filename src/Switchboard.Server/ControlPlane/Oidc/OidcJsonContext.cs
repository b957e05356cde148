using System.Text.Json.Serialization;

namespace Switchboard.Server.ControlPlane.Oidc;

[JsonSerializable(typeof(OidcState))]
internal sealed partial class OidcJsonContext : JsonSerializerContext;
