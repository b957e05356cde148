using Switchboard.Gateway.Auth;

namespace Switchboard.Gateway.Endpoints;

/// <summary>The registered <see cref="IVirtualModelHandler"/>s (the server adds the knowledge base's at start). Thread-safe.</summary>
internal sealed class VirtualModels
{
    private volatile IVirtualModelHandler[] _handlers = [];

    public void Register(IVirtualModelHandler handler) => _handlers = [.. _handlers, handler];

    public IVirtualModelHandler? For(string? model)
    {
        if (model is null)
        {
            return null;
        }

        foreach (var handler in _handlers)
        {
            if (model.StartsWith(handler.Prefix, StringComparison.Ordinal))
            {
                return handler;
            }
        }

        return null;
    }

    public IEnumerable<string> List(GatewayCaller caller) => _handlers.SelectMany(h => h.List(caller));
}
