using System.CommandLine;

namespace Switchboard.Bench.Local.Cli;

/// <summary>
/// The local-model benchmark tool's verbs (used by <c>bench/run-local-bench.sh</c>). Each prints what it
/// measured for people on stderr and as <c>key=value</c> lines on stdout for the script.
/// </summary>
internal static class LocalBenchCli
{
    public static RootCommand CreateRootCommand() => new("Switchboard local-model benchmark: synthetic GGUF models, decode speed in-process and over HTTP, memory bandwidth.")
    {
        GenerateModelCommand.Create(),
        DecodeCommand.Create(),
        HttpDecodeCommand.Create(),
        StreamBandwidthCommand.Create(),
    };
}
