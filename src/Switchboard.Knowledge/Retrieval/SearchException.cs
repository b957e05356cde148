namespace Switchboard.Knowledge.Retrieval;

/// <summary>A search (or answer) request that cannot run as asked; <paramref name="status"/> is the HTTP status, the message names the problem.</summary>
internal sealed class SearchException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
