using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>
/// A private <c>redis-server</c> for the test run: started on a free loopback port in a temp directory with persistence
/// off (<c>--save "" --appendonly no</c>), stopped and deleted on dispose. Tests keep apart by key prefix. Without the
/// binary the tests fail and say how to install it (<c>./switchboard.sh test</c> does). Shared by the <see cref="RedisTests"/>.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    public const string BinaryVariable = "SWITCHBOARD_TEST_REDIS_SERVER";

    private Process? _process;
    private string _root = "";
    private ConnectionMultiplexer? _connection;

    public int Port { get; private set; }

    /// <summary>A StackExchange.Redis connection string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>One shared connection for tests (multiplexed, thread-safe).</summary>
    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("The Redis server is not started.");

    public async Task InitializeAsync()
    {
        var binary = Environment.GetEnvironmentVariable(BinaryVariable) is { Length: > 0 } configured ? configured : FindOnPath("redis-server");
        if (binary is null || !File.Exists(binary))
        {
            throw new InvalidOperationException(
                "redis-server was not found. The Redis tests (limits and budgets shared by several gateway processes) need it: install it with " +
                $"'apt-get update && apt-get install -y redis-server' (./switchboard.sh test does this), or set {BinaryVariable} to the binary.");
        }

        _root = Directory.CreateTempSubdirectory("sb-redis-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var start = new ProcessStartInfo(binary)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = _root,
            };
            foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                         "--dir", _root, "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no" })
            {
                start.ArgumentList.Add(argument);
            }

            _process = Process.Start(start)!;
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
            if (await WaitForPingAsync())
            {
                _connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
                return;
            }

            Stop();
            if (attempt >= 3)
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port}.");
            }
        }
    }

    /// <summary>A key prefix no other test uses.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    public Task DisposeAsync()
    {
        _connection?.Dispose();
        Stop();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }

        return Task.CompletedTask;
    }

    private async Task<bool> WaitForPingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && _process is { HasExited: false })
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer);
                if (System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (SocketException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        return false;
    }

    private void Stop()
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .Concat([Path.Combine("/usr/bin", name), Path.Combine("/usr/sbin", name)])
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
