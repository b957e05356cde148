using Switchboard.Bench.LoadTool.Cli;

return await LoadToolCli.CreateRootCommand().Parse(args).InvokeAsync();
