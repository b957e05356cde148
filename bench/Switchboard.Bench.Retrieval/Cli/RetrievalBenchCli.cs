using System.CommandLine;

namespace Switchboard.Bench.Retrieval.Cli;

/// <summary>
/// The retrieval benchmark tool's verbs (used by <c>bench/run-retrieval-bench.sh</c>). Each prints what it measured
/// for people on stderr and as <c>key=value</c> lines on stdout for the script.
/// </summary>
internal static class RetrievalBenchCli
{
    public static RootCommand CreateRootCommand() => new("Switchboard retrieval benchmark: vector indexes against the memory-bandwidth floor, lexical search latency, BEIR quality.")
    {
        VectorsCommand.Create(),
        LexicalCommand.Create(),
        BeirCommand.Create(),
    };
}
