using System.Runtime.CompilerServices;

namespace Switchboard.Gateway.Clients;

/// <summary>Turns one kind of failure of an async stream into the caller's own exception, wherever in the stream it happens.</summary>
internal static class StreamErrors
{
    /// <summary>
    /// Yields <paramref name="source"/> unchanged; a <typeparamref name="TException"/> thrown while moving to the next
    /// item is rethrown as <paramref name="translate"/> makes it (a <c>yield</c> cannot sit inside a <c>try</c> with a
    /// <c>catch</c>, so each consumer would otherwise repeat this loop).
    /// </summary>
    public static async IAsyncEnumerable<T> Translate<T, TException>(this IAsyncEnumerable<T> source, Func<TException, Exception> translate,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TException : Exception
    {
        var items = source.GetAsyncEnumerator(cancellationToken);
        await using (items.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await items.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (TException ex)
                {
                    throw translate(ex);
                }

                yield return items.Current;
            }
        }
    }
}
