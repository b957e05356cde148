namespace Switchboard.Knowledge.Answers;

/// <summary>How an answer was made: written by a model from the sources, assembled from the best passages, or "not found".</summary>
internal static class AnswerModes
{
    public const string Generated = "generated";
    public const string Extractive = "extractive";
    public const string NotFound = "not_found";
}
