using Switchboard.Bench.Local.Cli;

return await LocalBenchCli.CreateRootCommand().Parse(args).InvokeAsync();
