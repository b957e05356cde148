using System.CommandLine;
using System.Globalization;
using Switchboard.Local.Inference;
using Switchboard.Local.Native;

namespace Switchboard.Server.Cli;

/// <summary>
/// <c>switchboard model run | quantize | bench</c>: the verbs that load llama.cpp. <c>run</c> writes the
/// generated text and nothing else to stdout (diagnostics go to stderr), so it can be piped.
/// </summary>
internal static class ModelInferenceCommands
{
    public static IEnumerable<Command> Create() => [CreateRun(), CreateQuantize(), CreateBench()];

    private static Option<string?> LlamaDirectoryOption() => new("--llama-dir")
    {
        Description = $"Directory with the llama.cpp libraries (default: native/llama, or ${LlamaLibrary.DirectoryVariable}).",
    };

    private static Command CreateRun()
    {
        var file = new Argument<string>("file") { Description = "A GGUF model file." };
        var prompt = new Option<string>("--prompt") { Description = "The text to continue; \"\" starts from BOS.", Required = true };
        var temperature = new Option<float>("--temperature") { Description = "0 (default) is greedy and deterministic.", DefaultValueFactory = _ => 0f };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Tokens to generate at most.", DefaultValueFactory = _ => 128 };
        var seed = new Option<uint?>("--seed") { Description = "Seed for sampling when temperature > 0." };
        var contextSize = new Option<int>("--context") { Description = "Context size in tokens.", DefaultValueFactory = _ => 2048 };
        var llamaDir = LlamaDirectoryOption();
        var command = new Command("run", "Generate text from a prompt with a local model, streamed to stdout.")
        {
            file, prompt, temperature, maxTokens, seed, contextSize, llamaDir,
        };
        command.SetAction((result, cancellationToken) => Run(() =>
        {
            var api = LlamaLibrary.Load(result.GetValue(llamaDir));
            using var model = LlamaModel.Load(result.GetValue(file)!, api);
            var text = result.GetValue(prompt) ?? "";
            int[] tokens = text.Length == 0 ? [model.Bos] : model.Tokenize(text, addSpecial: true);
            using var context = new LlamaContext(model, Math.Min(result.GetValue(contextSize), Math.Max(model.TrainedContextLength, 32)));
            using var stdout = Console.OpenStandardOutput();
            var options = new SamplingOptions { Temperature = result.GetValue(temperature), Seed = result.GetValue(seed) };
            var stats = TextGenerator.Generate(context, tokens, result.GetValue(maxTokens), options, piece =>
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(piece);
                stdout.Write(bytes);
                stdout.Flush();
            }, cancellationToken);
            Console.Error.WriteLine();
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{stats.PromptTokens} prompt tokens, {stats.GeneratedTokens} generated at {stats.GeneratedTokens / Math.Max(stats.GenerationTime.TotalSeconds, 1e-9):F1} tokens/s, finish: {stats.FinishReason}]"));
            return 0;
        }));
        return command;
    }

    private static Command CreateQuantize()
    {
        var input = new Argument<string>("in") { Description = "The model to quantise (GGUF, F32/F16)." };
        var output = new Argument<string>("out") { Description = "Where to write the quantised model." };
        var type = new Argument<string>("type") { Description = $"One of {string.Join(", ", ModelQuantizer.Types.Keys)}." };
        var llamaDir = LlamaDirectoryOption();
        var command = new Command("quantize", "Quantise a GGUF model with llama.cpp's quantiser.") { input, output, type, llamaDir };
        command.SetAction((result, _) => Run(() =>
        {
            var api = LlamaLibrary.Load(result.GetValue(llamaDir));
            var from = result.GetValue(input)!;
            var to = result.GetValue(output)!;
            ModelQuantizer.Quantize(api, from, to, result.GetValue(type)!);
            var before = new FileInfo(from).Length;
            var after = new FileInfo(to).Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(from)} {Size(before)} -> {Path.GetFileName(to)} {Size(after)} ({result.GetValue(type)!.ToUpperInvariant()}), ratio {(double)after / before:F3}"));
            return 0;
        }));
        return command;
    }

    private static Command CreateBench()
    {
        var file = new Argument<string>("file") { Description = "A GGUF model file." };
        var promptTokens = new Option<int>("--prompt-tokens") { DefaultValueFactory = _ => 128, Description = "Prompt tokens processed as one batch." };
        var generate = new Option<int>("--generate") { DefaultValueFactory = _ => 64, Description = "Tokens generated one at a time." };
        var threads = new Option<int?>("--threads") { Description = "CPU threads (default: all)." };
        var llamaDir = LlamaDirectoryOption();
        var command = new Command("bench", "Measure prompt processing and generation speed (tokens/s).") { file, promptTokens, generate, threads, llamaDir };
        command.SetAction((result, _) => Run(() =>
        {
            var api = LlamaLibrary.Load(result.GetValue(llamaDir));
            using var model = LlamaModel.Load(result.GetValue(file)!, api);
            var bench = ModelBenchmark.Run(model, result.GetValue(promptTokens), result.GetValue(generate), result.GetValue(threads));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model       {Path.GetFileName(model.Path)} ({Size((long)model.SizeBytes)}, {model.ParameterCount:N0} parameters)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prompt      {bench.PromptTokens} tokens  {bench.PromptTokensPerSecond,10:F1} tokens/s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generation  {bench.GeneratedTokens} tokens  {bench.GenerationTokensPerSecond,10:F1} tokens/s"));
            return 0;
        }));
        return command;
    }

    /// <summary>Runs a verb; the errors a user can cause become a message and exit code 1 instead of a stack trace.</summary>
    private static Task<int> Run(Func<int> action)
    {
        try
        {
            return Task.FromResult(action());
        }
        catch (Exception ex) when (ex is LlamaLibraryException or ContextLengthExceededException or ArgumentException or IOException)
        {
            Console.Error.WriteLine(ex.Message);
            return Task.FromResult(1);
        }
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F2} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F2} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
    };
}
