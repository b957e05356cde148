using Microsoft.AspNetCore.Http;
using Switchboard.Gateway.Auth;

namespace Switchboard.Gateway.Endpoints;

/// <summary>
/// Models the process answers itself instead of relaying, under a name prefix — the knowledge base's
/// <c>kb/&lt;collection&gt;</c> (RAG over a collection). The front door's auth, body limits and metrics apply as for any
/// model; the handler owns the response. Implementations are thread-safe.
/// </summary>
internal interface IVirtualModelHandler
{
    /// <summary>The model-name prefix served, e.g. <c>kb/</c>.</summary>
    string Prefix { get; }

    /// <summary>The virtual models <paramref name="caller"/> may use, for <c>GET /v1/models</c>.</summary>
    IReadOnlyList<string> List(GatewayCaller caller);

    /// <summary>Answers a chat completion request for <paramref name="model"/>; <paramref name="body"/> is the request JSON.</summary>
    Task HandleChatAsync(HttpContext context, GatewayCaller caller, string model, ReadOnlyMemory<byte> body);
}
