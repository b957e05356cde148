using System.Diagnostics;
using Switchboard.Local.Inference;

namespace Switchboard.Bench.Local.Decode;

/// <summary>
/// The baseline the HTTP figures are compared with: greedy decoding straight over the binding (sample, add,
/// decode) with nothing in between. One sequence, or several decoded together one token each per step as
/// the server's continuous batching does. Each run starts from an empty cache, decodes a short prompt per
/// sequence, takes a few unmeasured warm-up steps, then times <c>steps</c> steps; end of generation is ignored.
/// </summary>
internal static class RawDecodeLoop
{
    private const int PromptTokens = 8;
    private const int WarmupSteps = 8;

    public static RawDecodeResult Run(LlamaModel model, int steps, int sequences, int runs, int? threads)
    {
        var threadCount = threads ?? Environment.ProcessorCount;
        var perSequence = PromptTokens + WarmupSteps + steps + 16;
        using var context = new LlamaContext(model, sequences * perSequence, batchSize: sequences * PromptTokens, maxSequences: sequences, threads: threadCount);
        var times = new List<TimeSpan>(runs);
        for (var run = 0; run < runs; run++)
        {
            times.Add(RunOnce(context, steps, sequences));
        }

        return new RawDecodeResult(sequences, steps, times, threadCount);
    }

    private static TimeSpan RunOnce(LlamaContext context, int steps, int sequences)
    {
        var model = context.Model;
        context.Clear();
        var samplers = new SamplerChain[sequences];
        var outputs = new int[sequences];
        try
        {
            for (var s = 0; s < sequences; s++)
            {
                samplers[s] = new SamplerChain(model, SamplingOptions.Greedy);
                context.Add(model.Bos, 0, s, wantLogits: false);
                for (var i = 1; i < PromptTokens; i++)
                {
                    // Any ordinary tokens will do; they only have to be past the control and byte tokens.
                    outputs[s] = context.Pending;
                    context.Add(model.VocabularySize - i - s, i, s, wantLogits: i == PromptTokens - 1);
                }
            }

            context.Decode();
            var position = PromptTokens;
            for (var i = 0; i < WarmupSteps; i++)
            {
                Step(context, samplers, outputs, position++);
            }

            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < steps; i++)
            {
                Step(context, samplers, outputs, position++);
            }

            return Stopwatch.GetElapsedTime(started);
        }
        finally
        {
            foreach (var sampler in samplers)
            {
                sampler?.Dispose();
            }
        }
    }

    /// <summary>Samples every sequence from the last decode's logits, then decodes their next tokens as one batch.</summary>
    private static void Step(LlamaContext context, SamplerChain[] samplers, int[] outputs, int position)
    {
        for (var s = 0; s < samplers.Length; s++)
        {
            var token = samplers[s].Sample(context.Handle, outputs[s]);
            outputs[s] = context.Pending;
            context.Add(token, position, s, wantLogits: true);
        }

        context.Decode();
    }
}
