using System.CommandLine;
using Switchboard.Bench.Local.Http;

namespace Switchboard.Bench.Local.Cli;

/// <summary>
/// <c>http-decode --url --key --model</c>: decode speed through the gateway's OpenAI API, one stream or
/// several at once (aggregate), after one unmeasured round of the same streams that loads the model and
/// lets the server's JIT reach its optimised code (its background compiles would otherwise take a core
/// from llama.cpp during the first measured round).
/// </summary>
internal static class HttpDecodeCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The gateway's base URL (http://127.0.0.1:PORT); /v1/completions is appended.", Required = true };
        var key = new Option<string>("--key") { Description = "API key (Bearer).", Required = true };
        var model = new Option<string>("--model") { Description = "Model alias.", Required = true };
        var tokens = new Option<int>("--tokens") { Description = "max_tokens of each stream.", DefaultValueFactory = _ => 128 };
        var streams = new Option<int>("--streams") { Description = "Concurrent streams.", DefaultValueFactory = _ => 1 };
        var runs = new Option<int>("--runs") { Description = "Measured rounds of --streams streams; the best counts.", DefaultValueFactory = _ => 3 };
        var prompt = new Option<string>("--prompt") { Description = "Prompt text.", DefaultValueFactory = _ => "Once upon a time" };
        var warmupTokens = new Option<int>("--warmup-tokens") { Description = "max_tokens of the unmeasured first round (0: none).", DefaultValueFactory = _ => 64 };
        var command = new Command("http-decode", "Streamed completions through the HTTP API: tokens/s from usage and the first-to-last content chunk time.")
        {
            url, key, model, tokens, streams, runs, prompt, warmupTokens,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var count = result.GetValue(tokens);
            var concurrent = result.GetValue(streams);
            var rounds = result.GetValue(runs);
            if (!Uri.TryCreate(result.GetValue(url)!.TrimEnd('/') + "/v1/completions", UriKind.Absolute, out var target) || count < 2 || concurrent < 1 || rounds < 1)
            {
                await Console.Error.WriteLineAsync("--url must be absolute, --tokens at least 2, --streams and --runs at least 1");
                return 2;
            }

            using var client = new CompletionStreamClient(target, result.GetValue(key)!);
            var alias = result.GetValue(model)!;
            var text = result.GetValue(prompt)!;
            try
            {
                if (result.GetValue(warmupTokens) is > 0 and var warm)
                {
                    await client.RunAsync(alias, text, warm, concurrent, cancellationToken);
                }

                var results = new List<HttpDecodeResult>(rounds);
                for (var round = 0; round < rounds; round++)
                {
                    var run = await client.RunAsync(alias, text, count, concurrent, cancellationToken);
                    Describe(run, count);
                    results.Add(run);
                }

                Report(results.MaxBy(r => r.TokensPerSecond)!, results.Count);
                return 0;
            }
            catch (HttpRequestException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 1;
            }
        });
        return command;
    }

    private static void Describe(HttpDecodeResult run, int requested)
    {
        ResultLines.Say($"{run.Streams.Count} stream(s): {run.CompletionTokens} tokens in {run.ContentChunks} content chunks, first-to-last {run.Window.TotalSeconds:F2} s = {run.TokensPerSecond:F2} tokens/s");
        foreach (var stream in run.Streams.Where(s => s.CompletionTokens < requested))
        {
            ResultLines.Say($"warning: a stream ended after {stream.CompletionTokens} of {requested} tokens ({stream.FinishReason})");
        }
    }

    /// <summary>The best round's figures: on a shared machine the slower rounds measure the neighbours.</summary>
    private static void Report(HttpDecodeResult run, int rounds)
    {
        ResultLines.Write("runs", rounds);
        ResultLines.Write("tokens_per_second", run.TokensPerSecond);
        ResultLines.Write("completion_tokens", run.CompletionTokens);
        ResultLines.Write("content_chunks", run.ContentChunks);
        ResultLines.Write("seconds", run.Window.TotalSeconds);
        ResultLines.Write("streams", run.Streams.Count);
    }
}
