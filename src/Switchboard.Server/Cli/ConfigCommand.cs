using System.CommandLine;
using Switchboard.Gateway.Configuration;

namespace Switchboard.Server.Cli;

/// <summary><c>switchboard config validate</c>: checks a config file the way the server would, without starting it.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var config = SwitchboardCli.ConfigOption();
        var validate = new Command("validate", "Check a config file and print its problems.") { config };
        validate.SetAction(result =>
        {
            var path = result.GetValue(config)!;
            try
            {
                var loaded = GatewayConfigLoader.Load(path);
                Console.WriteLine($"{path}: valid ({loaded.Providers.Count} providers, {loaded.Models.Count} models)");
                return 0;
            }
            catch (ConfigValidationException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
        });
        return new Command("config", "Work with the gateway config file.") { validate };
    }
}
