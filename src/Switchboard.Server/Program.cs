using System.CommandLine;
using Switchboard.Server.Cli;

return await SwitchboardCli.CreateRootCommand()
    .Parse(args)
    // The host handles SIGTERM/Ctrl+C itself so that shutdown can drain streams for the configured time.
    .InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null })
    .ConfigureAwait(false);
