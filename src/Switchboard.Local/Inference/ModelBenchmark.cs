using System.Diagnostics;

namespace Switchboard.Local.Inference;

/// <summary>Prompt-processing and generation speed of a model on this machine (<c>switchboard model bench</c>).</summary>
/// <param name="PromptTokens">Tokens processed in one batch.</param>
/// <param name="PromptTokensPerSecond">Prompt processing speed.</param>
/// <param name="GeneratedTokens">Tokens generated one at a time.</param>
/// <param name="GenerationTokensPerSecond">Generation (decode) speed.</param>
internal sealed record BenchmarkResult(int PromptTokens, double PromptTokensPerSecond, int GeneratedTokens, double GenerationTokensPerSecond);

/// <summary>
/// Measures like llama-bench's pp/tg: a prompt of <c>promptTokens</c> tokens decoded as one batch, then
/// <c>generateTokens</c> greedy tokens decoded one by one (end of generation ignored), after a warm-up.
/// </summary>
internal static class ModelBenchmark
{
    public static BenchmarkResult Run(LlamaModel model, int promptTokens = 128, int generateTokens = 64, int? threads = null)
    {
        using var context = new LlamaContext(model, size: promptTokens + generateTokens + 16, batchSize: promptTokens, threads: threads);
        var prompt = Enumerable.Range(0, promptTokens).Select(i => (i % Math.Max(1, model.VocabularySize - 3)) + 3).ToArray();
        prompt[0] = model.Bos;

        // Warm-up: one small decode so first-call costs (buffers, CPU backend choice) are not measured.
        context.Add(model.Bos, 0, 0, true);
        context.Decode();
        context.Clear();

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < prompt.Length; i++)
        {
            context.Add(prompt[i], i, 0, wantLogits: i == prompt.Length - 1);
        }

        context.Decode();
        var promptTime = Stopwatch.GetElapsedTime(started);

        using var sampler = new SamplerChain(model, SamplingOptions.Greedy);
        started = Stopwatch.GetTimestamp();
        for (var i = 0; i < generateTokens; i++)
        {
            var token = sampler.Sample(context.Handle, -1);
            context.Add(token, promptTokens + i, 0, true);
            context.Decode();
        }

        var generationTime = Stopwatch.GetElapsedTime(started);
        return new BenchmarkResult(promptTokens, promptTokens / promptTime.TotalSeconds, generateTokens, generateTokens / generationTime.TotalSeconds);
    }
}
