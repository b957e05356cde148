using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchboard.Server.ControlPlane.Endpoints;

/// <summary>Source-generated JSON for the auth endpoints' bodies.</summary>
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(RefreshTokenRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(MeResponse))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class AuthJsonContext : JsonSerializerContext;
