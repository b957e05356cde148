namespace Switchboard.Gateway.Routing;

/// <summary>What a policy may consult besides the candidates: the route, the request kind and randomness.</summary>
internal readonly record struct SelectionContext(ModelRoute Route, bool Stream, Random Random);
