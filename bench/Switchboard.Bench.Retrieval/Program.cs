using Switchboard.Bench.Retrieval.Cli;

return await RetrievalBenchCli.CreateRootCommand().Parse(args).InvokeAsync();
