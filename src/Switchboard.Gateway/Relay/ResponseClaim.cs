using Switchboard.Gateway.Observability;

namespace Switchboard.Gateway.Relay;

/// <summary>
/// The client response of a raced request (fastest, hedge): attempts run side by side, each with its
/// own <see cref="RequestOutcome"/>, and the first one about to write to the client claims the response;
/// the others are cancelled and report that they lost. Thread-safe.
/// </summary>
internal sealed class ResponseClaim
{
    private readonly List<(RequestOutcome Racer, CancellationTokenSource Cancel)> _racers = [];
    private RequestOutcome? _winner;

    public RequestOutcome? Winner => Volatile.Read(ref _winner);

    public void Add(RequestOutcome racer, CancellationTokenSource cancel)
    {
        lock (_racers)
        {
            _racers.Add((racer, cancel));
        }
    }

    /// <summary>True for the first caller (and again for it); false for every other racer, which must not write.</summary>
    public bool TryClaim(RequestOutcome racer)
    {
        var winner = Interlocked.CompareExchange(ref _winner, racer, null);
        if (winner is not null)
        {
            return ReferenceEquals(winner, racer);
        }

        lock (_racers)
        {
            foreach (var (other, cancel) in _racers)
            {
                if (!ReferenceEquals(other, racer))
                {
                    cancel.Cancel();
                }
            }
        }

        return true;
    }

    /// <summary>Whether another racer has the response, so this one's failure says nothing about its deployment.</summary>
    public bool LostBy(RequestOutcome racer) => Winner is { } winner && !ReferenceEquals(winner, racer);
}
