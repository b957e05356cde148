namespace Switchboard.Knowledge.Store;

/// <summary>
/// A document's job state. Every step's result is persisted before the next begins, so a restart resumes at the
/// step that was running: queued → parsing → chunking → embedding → indexing → ready, or failed with a reason.
/// </summary>
internal static class DocumentStatus
{
    public const string Queued = "queued";
    public const string Parsing = "parsing";
    public const string Chunking = "chunking";
    public const string Embedding = "embedding";
    public const string Indexing = "indexing";
    public const string Ready = "ready";
    public const string Failed = "failed";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Queued, Parsing, Chunking, Embedding, Indexing, Ready, Failed,
    };

    /// <summary>Whether the job still has work to do (a restart picks these up).</summary>
    public static bool IsPending(string status) => status is not (Ready or Failed);
}
