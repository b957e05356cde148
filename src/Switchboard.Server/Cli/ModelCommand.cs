using System.CommandLine;
using Switchboard.Local.Catalog;
using Switchboard.Local.Gguf;

namespace Switchboard.Server.Cli;

/// <summary>
/// <c>switchboard model list | inspect</c>: what is in the models directory and what a GGUF file holds, read from
/// headers only (no weights are loaded); <c>run</c>, <c>quantize</c> and <c>bench</c>, which load llama.cpp, are
/// in <see cref="ModelInferenceCommands"/>.
/// </summary>
internal static class ModelCommand
{
    /// <summary>The context the memory estimate uses when none is given and the model's own is larger.</summary>
    private const long DefaultEstimateContextCap = 4096;

    public static Command Create()
    {
        var model = new Command("model", "Work with local GGUF models: list, inspect, run, quantize, bench.")
        {
            CreateList(),
            CreateInspect(),
        };
        foreach (var verb in ModelInferenceCommands.Create())
        {
            model.Subcommands.Add(verb);
        }

        return model;
    }

    private static Command CreateList()
    {
        var models = ModelsOption();
        var command = new Command("list", "List the models in the models directory, with the error for each unreadable file.") { models };
        command.SetAction(result =>
        {
            var directory = result.GetValue(models)!;
            if (!Directory.Exists(directory))
            {
                Console.Error.WriteLine($"models directory '{Path.GetFullPath(directory)}' does not exist");
                return 1;
            }

            using var catalog = new ModelCatalog(new ModelCatalogOptions { Directory = directory }, TimeProvider.System);
            var entries = catalog.Scan();
            ModelReport.WriteList(Console.Out, entries);
            if (entries.Count == 0)
            {
                Console.Error.WriteLine($"no *.gguf files under '{catalog.Directory}'");
            }

            return 0;
        });
        return command;
    }

    private static Command CreateInspect()
    {
        var file = new Argument<string>("file") { Description = "A .gguf model file." };
        var context = new Option<long?>("--context")
        {
            Description = $"Context (tokens) for the memory estimate; default: the model's context length, at most {DefaultEstimateContextCap}.",
        };
        var command = new Command("inspect", "Print a GGUF model's architecture, size, quantisation, shape and memory needs.") { file, context };
        command.SetAction(result =>
        {
            if (result.GetValue(context) is <= 0)
            {
                Console.Error.WriteLine("--context must be a positive number of tokens");
                return 2;
            }

            GgufModelInfo info;
            try
            {
                info = GgufModelInfo.Read(result.GetValue(file)!);
            }
            catch (Exception ex) when (ex is GgufFormatException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }

            var estimateContext = result.GetValue(context) ?? Math.Min(info.ContextLength ?? DefaultEstimateContextCap, DefaultEstimateContextCap);
            ModelReport.WriteInspect(Console.Out, info, info.EstimateMemory(estimateContext));
            return 0;
        });
        return command;
    }

    /// <summary>The models directory option, shared by the verbs that work on the catalog.</summary>
    public static Option<string> ModelsOption() => new("--models")
    {
        Description = "Models directory, scanned recursively for *.gguf.",
        DefaultValueFactory = _ => "models",
    };
}
