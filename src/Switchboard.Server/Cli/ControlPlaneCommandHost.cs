using System.CommandLine;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Switchboard.Server.ControlPlane;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.Cli;

/// <summary>
/// Runs a control-plane command inside a small host: the same registrations as the server, migrations
/// applied on start, and the audit log drained on stop, so entries written by a command are not lost.
/// </summary>
internal static class ControlPlaneCommandHost
{
    /// <summary>Exit code for a database that cannot be opened or migrated.</summary>
    public const int StorageFailed = 1;

    public static async Task<int> RunAsync(ParseResult result, Option<string> data, DatabaseOptions database,
        Func<IServiceProvider, CancellationToken, Task<int>> command, CancellationToken cancellationToken, bool requireExisting = false,
        Action<IServiceCollection, string, ControlPlaneStorageOptions>? configureServices = null)
    {
        if (!database.TryGet(result, out var provider, out var connection))
        {
            return 2;
        }

        var dataDirectory = result.GetValue(data)!;
        var storage = new ControlPlaneStorageOptions { Provider = provider, ConnectionString = connection };
        if (requireExisting && provider == ControlPlaneProvider.Sqlite && connection is null
            && !File.Exists(Path.Combine(dataDirectory, ControlPlaneStorageOptions.FileName)))
        {
            await Console.Error.WriteLineAsync($"no control-plane database in {Path.GetFullPath(dataDirectory)} ({ControlPlaneStorageOptions.FileName} is missing)").ConfigureAwait(false);
            return StorageFailed;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error);
        builder.Services.AddControlPlane(options =>
        {
            options.DataDirectory = dataDirectory;
            options.Storage = storage;
            options.Tokens.SigningKey = DatabaseOptions.SigningKeyFromEnvironment();
        });
        configureServices?.Invoke(builder.Services, dataDirectory, storage);

        using var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, ex.Failures)).ConfigureAwait(false);
            return 2;
        }
#pragma warning disable CA1031 // Any failure to reach the database ends the command with its message.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"could not open the control-plane database: {ex.GetBaseException().Message}").ConfigureAwait(false);
            return StorageFailed;
        }

        try
        {
            using var scope = host.Services.CreateScope();
            return await command(scope.ServiceProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (ControlPlaneValidationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 1;
        }
        finally
        {
            // Drains the audit queue.
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
