using System.Text;
using Switchboard.Local.Inference;
using Switchboard.Local.Native;
using Switchboard.Local.Serving;

namespace Switchboard.Local.Tests.Serving;

/// <summary>Continuous batching on the real model: concurrent sequences give exactly what they give alone.</summary>
public sealed class BatchedGeneratorTests
{
    private static readonly string[] Prompts = ["Once upon a time", "Lily and Ben", "The little dog", "One day, a big"];

    [Fact]
    public async Task FourConcurrentGreedyRequests_GiveExactlyTheOutputsOfFourSequentialOnes()
    {
        using var model = LlamaModel.Load(SharedModels.Stories260K, LlamaLibrary.Load());
        using var generator = new BatchedGenerator(model, slots: 4, slotContext: 256);

        var sequential = new List<string>();
        foreach (var prompt in Prompts)
        {
            sequential.Add(await CollectAsync(generator.Enqueue(Request(model, prompt), CancellationToken.None)));
        }

        var concurrent = await Task.WhenAll(Prompts.Select(p => CollectAsync(generator.Enqueue(Request(model, p), CancellationToken.None))));

        Assert.Equal(sequential, concurrent);
        Assert.All(concurrent, text => Assert.True(text.Length > 20, text));
    }

    [Fact]
    public async Task GreedyFromBos_ThroughTheGenerator_ReproducesTheGoldenText()
    {
        using var model = LlamaModel.Load(SharedModels.Stories260K, LlamaLibrary.Load());
        using var generator = new BatchedGenerator(model, slots: 2, slotContext: 256);

        var text = await CollectAsync(generator.Enqueue(new GenerationRequest([model.Bos], 70, SamplingOptions.Greedy, []), CancellationToken.None));

        Assert.Equal(File.ReadAllText(SharedModels.StoriesGolden), text);
    }

    [Fact]
    public async Task MoreRequestsThanSlots_Queue_AndAllFinish()
    {
        using var model = LlamaModel.Load(SharedModels.Stories260K, LlamaLibrary.Load());
        using var generator = new BatchedGenerator(model, slots: 2, slotContext: 128);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => CollectAsync(generator.Enqueue(Request(model, "Once upon a time"), CancellationToken.None))));

        Assert.Single(results.Distinct());
    }

    [Fact]
    public async Task AStopSequence_EndsTheAnswerBeforeIt()
    {
        using var model = LlamaModel.Load(SharedModels.Stories260K, LlamaLibrary.Load());
        using var generator = new BatchedGenerator(model, slots: 1, slotContext: 256);

        var handle = generator.Enqueue(new GenerationRequest([model.Bos], 70, SamplingOptions.Greedy, ["Lily"]), CancellationToken.None);
        var text = await CollectAsync(handle);

        Assert.Equal(" Once upon a time, there was a little girl named ", text);
    }

    [Fact]
    public void APromptLongerThanASlot_IsRefused()
    {
        using var model = LlamaModel.Load(SharedModels.Stories260K, LlamaLibrary.Load());
        using var generator = new BatchedGenerator(model, slots: 1, slotContext: 32);

        Assert.Throws<ContextLengthExceededException>(() =>
            generator.Enqueue(new GenerationRequest(Enumerable.Repeat(model.Bos, 40).ToArray(), 5, SamplingOptions.Greedy, []), CancellationToken.None));
    }

    private static GenerationRequest Request(LlamaModel model, string prompt) =>
        new(model.Tokenize(prompt, addSpecial: true), 40, SamplingOptions.Greedy, []);

    private static async Task<string> CollectAsync(GenerationHandle handle)
    {
        var text = new StringBuilder();
        await foreach (var e in handle.Events.ReadAllAsync())
        {
            text.Append(e.Text);
        }

        return text.ToString();
    }
}
