namespace Switchboard.Knowledge.Ingestion;

/// <summary>An upload was refused as a whole (no such collection, no access); <paramref name="status"/> is the HTTP status to answer with.</summary>
internal sealed class IntakeException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
