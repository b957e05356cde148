using System.CommandLine;
using Switchboard.Gateway.Configuration;
using Switchboard.Server.Hosting;

namespace Switchboard.Server.Cli;

/// <summary><c>switchboard serve</c>: runs the server until SIGTERM/Ctrl+C, then drains in-flight requests.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port to listen on.", DefaultValueFactory = _ => ServeOptions.DefaultPort };
        var host = new Option<string>("--host") { Description = "Address to bind (0.0.0.0 for all interfaces).", DefaultValueFactory = _ => "127.0.0.1" };
        var config = SwitchboardCli.ConfigOption();
        var data = SwitchboardCli.DataOption();
        var shutdown = new Option<double>("--shutdown-timeout")
        {
            Description = "Seconds a shutdown waits for in-flight requests and streams to finish.",
            DefaultValueFactory = _ => 30,
        };
        var logFormat = new Option<string>("--log-format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        logFormat.AcceptOnlyFromAmong("text", "json");

        var database = new DatabaseOptions();
        var command = new Command("serve", "Run the gateway server.") { port, host, config, data, shutdown, logFormat };
        database.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!database.TryGet(result, out var provider, out var connection))
            {
                return 2;
            }

            var (oidc, oidcProblem) = OidcEnvironment.Read();
            if (oidc is null)
            {
                await Console.Error.WriteLineAsync(oidcProblem).ConfigureAwait(false);
                return 2;
            }

            var options = new ServeOptions
            {
                Port = result.GetValue(port),
                Host = result.GetValue(host)!,
                ConfigPath = result.GetValue(config)!,
                DataDirectory = result.GetValue(data)!,
                ShutdownTimeout = TimeSpan.FromSeconds(result.GetValue(shutdown)),
                LogFormat = result.GetValue(logFormat)!,
                DatabaseProvider = provider,
                DatabaseConnection = connection,
                JwtSigningKey = DatabaseOptions.SigningKeyFromEnvironment(),
                Oidc = oidc,
            };
            WebApplication app;
            try
            {
                app = SwitchboardHost.Build(options);
            }
            catch (ConfigValidationException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return 2;
            }

            await using (app.ConfigureAwait(false))
            {
                try
                {
                    await app.RunAsync().ConfigureAwait(false);
                }
                catch (Microsoft.Extensions.Options.OptionsValidationException ex)
                {
                    await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, ex.Failures)).ConfigureAwait(false);
                    return 2;
                }
            }

            return 0;
        });
        return command;
    }
}
