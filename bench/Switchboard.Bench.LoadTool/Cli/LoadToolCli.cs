using System.CommandLine;
using System.Text;
using System.Text.Json;
using Switchboard.Bench.LoadTool.Load;
using Switchboard.Bench.LoadTool.Results;

namespace Switchboard.Bench.LoadTool.Cli;

/// <summary>The load tool's command line: a load run by default, <c>report</c> to tabulate a bench run.</summary>
internal static class LoadToolCli
{
    public static RootCommand CreateRootCommand()
    {
        var url = new Option<string>("--url") { Description = "Target URL (POST)." };
        var bodyFile = new Option<FileInfo>("--body") { Description = "File holding the request body." };
        var bodyJson = new Option<string>("--body-json") { Description = "The request body inline." };
        var headers = new Option<string[]>("--header")
        {
            Description = "Request header \"Name: value\" (repeatable). Content-Type defaults to application/json.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var connections = new Option<int>("--connections") { Description = "Closed loop: concurrent workers sending back to back. Open loop: connection pool size.", DefaultValueFactory = _ => 1 };
        var rate = new Option<double?>("--rate") { Description = "Open loop: requests per second at fixed intervals; latency counts from the intended send time." };
        var duration = new Option<double>("--duration") { Description = "Measured seconds.", DefaultValueFactory = _ => 10 };
        var warmup = new Option<double>("--warmup") { Description = "Unmeasured seconds before the measurement.", DefaultValueFactory = _ => 2 };
        var timeout = new Option<double>("--timeout") { Description = "Seconds in-flight requests may run past the end before they are cancelled.", DefaultValueFactory = _ => 30 };
        var sse = new Option<bool>("--sse") { Description = "Read server-sent events: time to first data: event (TTFT), total time, [DONE] check." };
        var jsonOut = new Option<FileInfo>("--json-out") { Description = "Also write the result as JSON to this file." };

        var root = new RootCommand("Switchboard load tool: closed- or open-loop HTTP load with latency histograms.")
        {
            url, bodyFile, bodyJson, headers, connections, rate, duration, warmup, timeout, sse, jsonOut, ReportCommand.Create(),
        };
        root.SetAction(async (result, cancellationToken) =>
        {
            var errors = new List<string>();
            var options = Bind(result, errors, url, bodyFile, bodyJson, headers, connections, rate, duration, warmup, timeout, sse);
            if (options is null)
            {
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync(error);
                }

                return 2;
            }

            var loadResult = await new LoadRunner(options, TimeProvider.System).RunAsync(cancellationToken);
            Console.Write(ConsoleSummary.Format(loadResult));
            if (result.GetValue(jsonOut) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, JsonSerializer.Serialize(loadResult, BenchJsonContext.Default.LoadResult), cancellationToken);
            }

            return loadResult.Requests > 0 ? 0 : 1;
        });
        return root;
    }

    private static LoadOptions? Bind(ParseResult result, List<string> errors, Option<string> url, Option<FileInfo> bodyFile, Option<string> bodyJson,
        Option<string[]> headers, Option<int> connections, Option<double?> rate, Option<double> duration, Option<double> warmup,
        Option<double> timeout, Option<bool> sse)
    {
        if (!Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out var target))
        {
            errors.Add("--url is required and must be absolute (http://host:port/path).");
        }

        byte[]? body = null;
        if (result.GetValue(bodyFile) is { } file)
        {
            body = file.Exists ? File.ReadAllBytes(file.FullName) : null;
            if (body is null)
            {
                errors.Add($"--body {file.FullName}: no such file.");
            }
        }
        else if (result.GetValue(bodyJson) is { } json)
        {
            body = Encoding.UTF8.GetBytes(json);
        }
        else
        {
            errors.Add("Give the request body with --body FILE or --body-json STRING.");
        }

        var parsedHeaders = new List<RequestHeader>();
        foreach (var text in result.GetValue(headers) ?? [])
        {
            if (RequestHeader.Parse(text) is { } header)
            {
                parsedHeaders.Add(header);
            }
            else
            {
                errors.Add($"--header '{text}' is not \"Name: value\".");
            }
        }

        if (!parsedHeaders.Exists(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            parsedHeaders.Add(new RequestHeader("Content-Type", "application/json"));
        }

        var connectionCount = result.GetValue(connections);
        var requestRate = result.GetValue(rate);
        var seconds = result.GetValue(duration);
        Check(errors, connectionCount >= 1, "--connections must be at least 1.");
        Check(errors, requestRate is null or > 0, "--rate must be positive.");
        Check(errors, seconds > 0, "--duration must be positive.");
        Check(errors, result.GetValue(warmup) >= 0, "--warmup must not be negative.");
        Check(errors, result.GetValue(timeout) > 0, "--timeout must be positive.");
        if (errors.Count > 0)
        {
            return null;
        }

        return new LoadOptions
        {
            Url = target!,
            Body = body!,
            Headers = parsedHeaders,
            Connections = connectionCount,
            Rate = requestRate,
            Duration = TimeSpan.FromSeconds(seconds),
            Warmup = TimeSpan.FromSeconds(result.GetValue(warmup)),
            Timeout = TimeSpan.FromSeconds(result.GetValue(timeout)),
            Sse = result.GetValue(sse),
        };
    }

    private static void Check(List<string> errors, bool condition, string message)
    {
        if (!condition)
        {
            errors.Add(message);
        }
    }
}
