using Switchboard.Bench.Knowledge.Cli;

return KnowledgeBenchCli.CreateRootCommand().Parse(args).Invoke();
