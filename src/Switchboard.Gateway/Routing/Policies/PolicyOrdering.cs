namespace Switchboard.Gateway.Routing.Policies;

/// <summary>In-place helpers for policies; candidate lists are short, so insertion order beats anything clever.</summary>
internal static class PolicyOrdering
{
    /// <summary>Moves <paramref name="index"/> to the front, keeping the others in their order.</summary>
    public static void MoveToFront(Span<Deployment> candidates, int index)
    {
        var chosen = candidates[index];
        candidates[..index].CopyTo(candidates[1..]);
        candidates[0] = chosen;
    }

    /// <summary>
    /// Stable sort by a key (ascending); equal keys keep their order (the position breaks ties). Keys are
    /// computed once, into a stack buffer, so the sort allocates nothing.
    /// </summary>
    public static void StableSortBy(Span<Deployment> candidates, Func<Deployment, bool, double> key, bool stream)
    {
        Span<(double Key, int Position)> keys = candidates.Length <= 128
            ? stackalloc (double, int)[candidates.Length]
            : new (double, int)[candidates.Length];
        for (var i = 0; i < candidates.Length; i++)
        {
            keys[i] = (key(candidates[i], stream), i);
        }

        keys.Sort(candidates);
    }
}
