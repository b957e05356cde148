using System.CommandLine;

namespace Switchboard.Server.Cli;

/// <summary>
/// <c>switchboard ingest &lt;path…&gt; --collection X</c>: uploads files and folders (recursively) to a running server's
/// knowledge base with a progress bar, then waits until every document is ready or failed and lists the failures.
/// Running it again is the resume: unchanged files are no-ops on the server (same name, same SHA-256), so only what
/// is new, changed or previously failed is processed.
/// </summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders (folders are walked recursively).", Arity = ArgumentArity.OneOrMore };
        var collection = new Option<string>("--collection") { Description = "The collection to upload into (created when missing).", Required = true };
        var tags = new Option<string?>("--tags") { Description = "Comma-separated tags for every uploaded document." };
        var url = new Option<string>("--url") { Description = "The server.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var keyVariable = new Option<string>("--api-key-env")
        {
            Description = "Environment variable holding the API key.",
            DefaultValueFactory = _ => "SWITCHBOARD_API_KEY",
        };
        var batch = new Option<int>("--batch") { Description = "Files per upload request.", DefaultValueFactory = _ => 20 };
        var noWait = new Option<bool>("--no-wait") { Description = "Return after uploading instead of waiting for processing." };
        var command = new Command("ingest", "Upload files and folders into a knowledge-base collection of a running server.")
        {
            paths, collection, tags, url, keyVariable, batch, noWait,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var files = IngestFiles.Expand(result.GetValue(paths)!, out var missing);
            if (missing is not null)
            {
                Console.Error.WriteLine($"No such file or folder: {missing}");
                return 1;
            }

            if (!Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out var server) || result.GetValue(batch) < 1)
            {
                Console.Error.WriteLine("--url must be an absolute URL and --batch at least 1.");
                return 2;
            }

            var key = Environment.GetEnvironmentVariable(result.GetValue(keyVariable)!);
            if (string.IsNullOrEmpty(key))
            {
                Console.Error.WriteLine($"Set the API key in ${result.GetValue(keyVariable)} (e.g. export {result.GetValue(keyVariable)}=$(cat data/first-key.txt)).");
                return 2;
            }

            using var client = new IngestClient(server, key);
            return await client.RunAsync(files, result.GetValue(collection)!, result.GetValue(tags), result.GetValue(batch), !result.GetValue(noWait),
                Console.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
