using System.CommandLine;
using System.Diagnostics;
using Switchboard.Bench.Local.Models;

namespace Switchboard.Bench.Local.Cli;

/// <summary><c>generate-model --out FILE</c>: writes a random-weight Llama GGUF (F16) of a chosen shape.</summary>
internal static class GenerateModelCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "The GGUF file to write.", Required = true };
        var dim = IntOption("--dim", 768, "Embedding width.");
        var layers = IntOption("--layers", 12, "Transformer blocks.");
        var heads = IntOption("--heads", 12, "Attention heads.");
        var kvHeads = IntOption("--kv-heads", 12, "Key/value heads.");
        var ffn = IntOption("--ffn", 2048, "Feed-forward width.");
        var vocab = IntOption("--vocab", 32000, "Vocabulary size.");
        var context = IntOption("--context", 2048, "Trained context length.");
        var seed = new Option<ulong>("--seed") { Description = "Seed of the random weights.", DefaultValueFactory = _ => 1 };
        var command = new Command("generate-model", "Write a Llama-architecture GGUF v3 with random F16 weights.")
        {
            output, dim, layers, heads, kvHeads, ffn, vocab, context, seed,
        };
        command.SetAction(result =>
        {
            var shape = new LlamaShape(result.GetValue(dim), result.GetValue(layers), result.GetValue(heads), result.GetValue(kvHeads),
                result.GetValue(ffn), result.GetValue(vocab), result.GetValue(context));
            if (shape.Problem() is { } problem)
            {
                Console.Error.WriteLine("invalid shape: " + problem);
                return 2;
            }

            var path = result.GetValue(output)!.FullName;
            var started = Stopwatch.GetTimestamp();
            SyntheticLlamaModel.Write(path, shape, result.GetValue(seed));
            var bytes = new FileInfo(path).Length;
            ResultLines.Say($"wrote {path}: {bytes / 1048576.0:F1} MiB (dim {shape.Dim}, {shape.Layers} layers, {shape.Heads} heads, {shape.KvHeads} KV heads, ffn {shape.Ffn}, vocab {shape.Vocab}, context {shape.Context}) in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
            ResultLines.Write("file", path);
            ResultLines.Write("bytes", bytes);
            return 0;
        });
        return command;
    }

    private static Option<int> IntOption(string name, int value, string description) =>
        new(name) { Description = $"{description} Default {value}.", DefaultValueFactory = _ => value };
}
