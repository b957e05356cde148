using System.CommandLine;

namespace Switchboard.Bench.Knowledge.Cli;

/// <summary>
/// The knowledge benchmark tool's verbs (used by <c>bench/run-pdf-bench.sh</c>). Each prints what it measured for
/// people on stderr and as <c>key=value</c> lines on stdout for the script.
/// </summary>
internal static class KnowledgeBenchCli
{
    public static RootCommand CreateRootCommand() => new("Switchboard knowledge benchmark: document extraction speed and quality.")
    {
        PdfCommand.Create(),
        GenerateDocsCommand.Create(),
    };
}
