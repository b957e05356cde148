using System.Diagnostics;

namespace Switchboard.Local.Inference;

/// <summary>What one generation did, for usage and for <c>model bench</c>.</summary>
/// <param name="PromptTokens">Tokens read (including BOS).</param>
/// <param name="GeneratedTokens">Tokens produced.</param>
/// <param name="PromptTime">Time to process the prompt.</param>
/// <param name="GenerationTime">Time to produce the tokens after the prompt.</param>
/// <param name="FinishReason"><c>stop</c> (end of generation or a stop sequence) or <c>length</c>.</param>
internal sealed record GenerationStats(int PromptTokens, int GeneratedTokens, TimeSpan PromptTime, TimeSpan GenerationTime, string FinishReason);

/// <summary>
/// One sequence generated on its own context: the prompt is decoded in batch-sized chunks, then tokens are
/// sampled and decoded one at a time until end of generation, the token limit or the context is full.
/// The building block of <c>model run</c> and <c>model bench</c>; the server's provider batches sequences.
/// </summary>
internal static class TextGenerator
{
    /// <summary>Generates from <paramref name="prompt"/>, calling <paramref name="onText"/> with each completed piece of text.</summary>
    public static GenerationStats Generate(LlamaContext context, IReadOnlyList<int> prompt, int maxTokens, SamplingOptions options,
        Action<string> onText, CancellationToken cancellationToken = default)
    {
        if (prompt.Count == 0)
        {
            throw new ArgumentException("the prompt must hold at least one token (BOS for an empty prompt)", nameof(prompt));
        }

        if (prompt.Count >= context.Size)
        {
            throw new ContextLengthExceededException(prompt.Count, context.Size);
        }

        var model = context.Model;
        using var sampler = new SamplerChain(model, options);
        var decoder = new TokenTextDecoder(model);
        var started = Stopwatch.GetTimestamp();
        var position = 0;
        for (var i = 0; i < prompt.Count; i++)
        {
            context.Add(prompt[i], position++, 0, wantLogits: i == prompt.Count - 1);
            if (context.Pending == context.BatchSize || i == prompt.Count - 1)
            {
                context.Decode();
            }
        }

        var promptTime = Stopwatch.GetElapsedTime(started);
        var generationStart = Stopwatch.GetTimestamp();
        var generated = 0;
        var finish = "length";
        // -1: the logits of the last token decoded, which is the only one that asked for them.
        const int outputIndex = -1;
        while (generated < maxTokens && !cancellationToken.IsCancellationRequested)
        {
            var token = sampler.Sample(context.Handle, outputIndex);
            if (model.IsEndOfGeneration(token))
            {
                finish = "stop";
                break;
            }

            generated++;
            if (decoder.Append(token) is { Length: > 0 } text)
            {
                onText(text);
            }

            if (position >= context.Size)
            {
                break;
            }

            context.Add(token, position++, 0, wantLogits: true);
            context.Decode();
        }

        if (decoder.Flush() is { Length: > 0 } rest)
        {
            onText(rest);
        }

        return new GenerationStats(prompt.Count, generated, promptTime, Stopwatch.GetElapsedTime(generationStart), finish);
    }
}

/// <summary>A prompt longer than the context allows: refused, never silently truncated.</summary>
internal sealed class ContextLengthExceededException(int promptTokens, int contextSize)
    : Exception($"The prompt is {promptTokens} tokens; this model's context holds {contextSize} (including the answer).")
{
    public int PromptTokens { get; } = promptTokens;

    public int ContextSize { get; } = contextSize;
}
