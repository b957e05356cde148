namespace Switchboard.Knowledge.Models;

/// <summary>A model call failed; the message names the model and the reason and is safe to show.</summary>
internal sealed class KnowledgeModelException(string message, int status = 502, Exception? inner = null) : Exception(message, inner)
{
    public int Status { get; } = status;
}
