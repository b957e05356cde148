using System.Text;
using Switchboard.Local.Native;

namespace Switchboard.Local.Inference;

/// <summary>
/// A llama.cpp sampler chain built from <see cref="SamplingOptions"/>. One per sequence (samplers keep
/// state: penalties remember tokens, grammars their position); not thread-safe.
/// </summary>
internal sealed unsafe class SamplerChain : IDisposable
{
    private readonly LlamaApi _api;
    private nint _chain;

    public SamplerChain(LlamaModel model, SamplingOptions options)
    {
        _api = model.Api;
        _chain = _api.SamplerChainInit(_api.SamplerChainDefaultParams());
        if (options.Grammar is { } grammar)
        {
            var text = Encoding.UTF8.GetBytes(grammar + "\0");
            var root = "root\0"u8;
            nint sampler;
            fixed (byte* g = text)
            fixed (byte* r = root)
            {
                sampler = _api.SamplerInitGrammar(model.Vocab, g, r);
            }

            if (sampler == 0)
            {
                Dispose();
                throw new ArgumentException("the output grammar could not be parsed: " + LlamaLibrary.LastProblems());
            }

            Add(sampler);
        }

        if (options.RepeatPenalty != 1 || options.FrequencyPenalty != 0 || options.PresencePenalty != 0)
        {
            Add(_api.SamplerInitPenalties(model.VocabularySize, options.PenaltyLastN, options.RepeatPenalty, options.FrequencyPenalty, options.PresencePenalty));
        }

        if (options.Temperature <= 0)
        {
            Add(_api.SamplerInitGreedy());
            return;
        }

        if (options.TopK > 0)
        {
            Add(_api.SamplerInitTopK(options.TopK));
        }

        if (options.TopP < 1)
        {
            Add(_api.SamplerInitTopP(options.TopP, 1));
        }

        if (options.MinP > 0)
        {
            Add(_api.SamplerInitMinP(options.MinP, 1));
        }

        Add(_api.SamplerInitTemperature(options.Temperature));
        Add(_api.SamplerInitDist(options.Seed ?? (uint)Random.Shared.Next()));
    }

    /// <summary>Picks the next token from the logits of output <paramref name="outputIndex"/> of the last decode, and records it.</summary>
    public int Sample(nint context, int outputIndex) => _api.SamplerSample(_chain, context, outputIndex);

    public void Dispose()
    {
        var chain = Interlocked.Exchange(ref _chain, 0);
        if (chain != 0)
        {
            // The chain owns the samplers added to it.
            _api.SamplerFree(chain);
        }
    }

    private void Add(nint sampler) => _api.SamplerChainAdd(_chain, sampler);
}
