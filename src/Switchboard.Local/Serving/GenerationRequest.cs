using System.Threading.Channels;
using Switchboard.Local.Inference;

namespace Switchboard.Local.Serving;

/// <summary>One sequence to generate: its prompt tokens, limits and sampling.</summary>
/// <param name="Prompt">Tokens to read first (BOS included where the model wants it).</param>
/// <param name="MaxTokens">Tokens to generate at most.</param>
/// <param name="Sampling">How to choose tokens.</param>
/// <param name="Stop">Texts that end the generation (not included in the output).</param>
internal sealed record GenerationRequest(int[] Prompt, int MaxTokens, SamplingOptions Sampling, IReadOnlyList<string> Stop);

/// <summary>A piece of generated text, or the end of the generation (with <see cref="FinishReason"/> set).</summary>
/// <param name="Text">Text produced since the previous event ("" on the final event).</param>
/// <param name="FinishReason">Null while generating; then <c>stop</c>, <c>length</c> or <c>cancelled</c>.</param>
/// <param name="PromptTokens">Set on the final event.</param>
/// <param name="CompletionTokens">Set on the final event.</param>
/// <param name="Error">Why the generation failed, when it did.</param>
internal sealed record GenerationEvent(string Text, string? FinishReason = null, int PromptTokens = 0, int CompletionTokens = 0, string? Error = null);

/// <summary>A request admitted to a generator: its events arrive on <see cref="Events"/>.</summary>
internal sealed class GenerationHandle(GenerationRequest request, CancellationToken cancellationToken)
{
    private readonly Channel<GenerationEvent> _events = Channel.CreateUnbounded<GenerationEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public GenerationRequest Request { get; } = request;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public ChannelReader<GenerationEvent> Events => _events.Reader;

    internal void Emit(GenerationEvent generationEvent) => _events.Writer.TryWrite(generationEvent);

    internal void Complete(GenerationEvent final)
    {
        _events.Writer.TryWrite(final);
        _events.Writer.TryComplete();
    }
}
