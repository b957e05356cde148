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

    /// <summary>Stable insertion sort by a key (ascending); equal keys keep their order.</summary>
    public static void StableSortBy(Span<Deployment> candidates, Func<Deployment, bool, double> key, bool stream)
    {
        for (var i = 1; i < candidates.Length; i++)
        {
            var item = candidates[i];
            var itemKey = key(item, stream);
            var j = i - 1;
            while (j >= 0 && key(candidates[j], stream) > itemKey)
            {
                candidates[j + 1] = candidates[j];
                j--;
            }

            candidates[j + 1] = item;
        }
    }
}
