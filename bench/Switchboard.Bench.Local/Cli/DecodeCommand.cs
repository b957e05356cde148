using System.CommandLine;
using System.Globalization;
using Switchboard.Bench.Local.Decode;
using Switchboard.Local.Gguf;
using Switchboard.Local.Inference;
using Switchboard.Local.Native;

namespace Switchboard.Bench.Local.Cli;

/// <summary><c>decode --model FILE</c>: raw in-process decode speed, greedy, straight over the binding.</summary>
internal static class DecodeCommand
{
    public static Command Create()
    {
        var modelFile = new Option<FileInfo>("--model") { Description = "A GGUF model.", Required = true };
        var tokens = new Option<int>("--tokens") { Description = "Decode steps in the measured part (tokens per sequence).", DefaultValueFactory = _ => 128 };
        var sequences = new Option<int>("--sequences") { Description = "Sequences decoded together, one token each per step (the server's batching).", DefaultValueFactory = _ => 1 };
        var runs = new Option<int>("--runs") { Description = "Measured runs; the best counts.", DefaultValueFactory = _ => 3 };
        var threads = new Option<int?>("--threads") { Description = "CPU threads (default: all cores, like the server)." };
        var llamaDir = new Option<string?>("--llama-dir") { Description = $"llama.cpp libraries (default: native/llama or ${LlamaLibrary.DirectoryVariable})." };
        var command = new Command("decode", "Decode tokens/s straight over the llama.cpp binding.") { modelFile, tokens, sequences, runs, threads, llamaDir };
        command.SetAction(result =>
        {
            var steps = result.GetValue(tokens);
            var repeats = result.GetValue(runs);
            var together = result.GetValue(sequences);
            if (steps < 1 || repeats < 1 || together is < 1 or > 64)
            {
                Console.Error.WriteLine("--tokens and --runs must be at least 1, --sequences 1–64");
                return 2;
            }

            try
            {
                var path = result.GetValue(modelFile)!.FullName;
                var api = LlamaLibrary.Load(result.GetValue(llamaDir));
                using var model = LlamaModel.Load(path, api);
                var run = RawDecodeLoop.Run(model, steps, together, repeats, result.GetValue(threads));
                Report(model, run, EmbeddingBytes(path));
                return 0;
            }
            catch (LlamaLibraryException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
        });
        return command;
    }

    /// <summary>Bytes of <c>token_embd</c>, of which a decode step reads only one row per token.</summary>
    private static long EmbeddingBytes(string path) =>
        GgufReader.Read(path).Tensors.FirstOrDefault(t => t.Name == "token_embd.weight")?.ByteCount ?? 0;

    private static void Report(LlamaModel model, RawDecodeResult run, long embeddingBytes)
    {
        var runs = string.Join(" / ", run.RunTokensPerSecond.Select(t => t.ToString("F1", CultureInfo.InvariantCulture)));
        ResultLines.Say($"{Path.GetFileName(model.Path)}: {run.Sequences} sequence(s) × {run.Steps} tokens per run, {runs} tokens/s, best {run.TokensPerSecond:F2} ({run.Threads} threads, {model.ParameterCount:N0} parameters, {model.SizeBytes / 1048576.0:F1} MiB of weights)");
        ResultLines.Write("tokens_per_second", run.TokensPerSecond);
        ResultLines.Write("sequences", run.Sequences);
        ResultLines.Write("tokens", run.Tokens);
        ResultLines.Write("runs", run.Runs.Count);
        ResultLines.Write("model_bytes", (long)model.SizeBytes);
        ResultLines.Write("streamed_bytes", (long)model.SizeBytes - embeddingBytes);
        ResultLines.Write("parameters", (long)model.ParameterCount);
        ResultLines.Write("threads", run.Threads);
        ResultLines.Write("llama_version", LlamaLibrary.LoadedVersion ?? "unknown");
    }
}
