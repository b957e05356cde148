using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL cluster for the test run: <c>initdb</c> into a temp directory, started with
/// <c>pg_ctl</c> on a free loopback port (socket in the same directory, trust auth, no fsync), one fresh
/// database per <see cref="CreateDatabaseAsync"/>, stopped and deleted on dispose. PostgreSQL refuses to run
/// as root, so under root the server binaries run as the <c>postgres</c> user (or <c>nobody</c>) through
/// <c>runuser</c>. Shared by the <see cref="PostgresTests"/>.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    public const string BinDirectoryVariable = "SWITCHBOARD_TEST_PG_BIN";
    public const string DefaultBinDirectory = "/usr/lib/postgresql/15/bin";

    private string _bin = "";
    private string _root = "";
    private string? _runAs;
    private int _stopped;

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_root, "data");

    public async Task InitializeAsync()
    {
        _bin = Environment.GetEnvironmentVariable(BinDirectoryVariable) is { Length: > 0 } configured ? configured : DefaultBinDirectory;
        if (!File.Exists(Path.Combine(_bin, "initdb")) || !File.Exists(Path.Combine(_bin, "pg_ctl")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL server binaries (initdb, pg_ctl) were not found in {_bin}. The PostgreSQL conformance tests need them: " +
                $"install them (Debian/Ubuntu: 'apt-get install -y postgresql-15') or set {BinDirectoryVariable} to the directory that holds them.");
        }

        _root = Directory.CreateTempSubdirectory("sb-pg-").FullName;
        if (Environment.IsPrivilegedProcess)
        {
            _runAs = File.ReadLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal)) ? "postgres" : "nobody";
            await RunAsync("chown", ["-R", _runAs + ":", _root]);
        }

        await RunServerToolAsync("initdb", ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var settings = $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            try
            {
                await RunServerToolAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "30", "-o", settings, "start"]);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Most likely another process took the port between our check and the server's bind.
            }
        }
    }

    /// <summary>A connection string for a new, empty database.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "sb_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database }.ConnectionString;

    public Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    private void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0 || _root.Length == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            RunAsync(_runAs is null ? Path.Combine(_bin, "pg_ctl") : "runuser",
                ServerToolArguments("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]), check: false).GetAwaiter().GetResult();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    private Task RunServerToolAsync(string tool, string[] arguments) =>
        RunAsync(_runAs is null ? Path.Combine(_bin, tool) : "runuser", ServerToolArguments(tool, arguments));

    private string[] ServerToolArguments(string tool, string[] arguments) =>
        _runAs is null ? arguments : ["-u", _runAs, "--", Path.Combine(_bin, tool), .. arguments];

    private async Task RunAsync(string fileName, string[] arguments, bool check = true)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (check && process.ExitCode != 0)
        {
            var log = Path.Combine(_root, "server.log");
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}"
                + (File.Exists(log) ? "\nserver.log:\n" + await File.ReadAllTextAsync(log) : ""));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
