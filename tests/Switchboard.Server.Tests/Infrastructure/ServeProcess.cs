using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>
/// <c>switchboard serve</c> as a real child process on a free loopback port, for tests that kill it (SIGKILL, no
/// shutdown hooks) and start it again on the same data directory.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, Uri baseAddress)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayServer.AdminKey);
    }

    public HttpClient Http { get; }

    /// <summary>
    /// Starts <c>switchboard serve</c> and waits until it answers <c>/healthz</c>. <paramref name="extraArguments"/> are added
    /// to the command line (e.g. <c>--db-provider postgres</c>), <paramref name="environment"/> to its environment.
    /// </summary>
    public static async Task<ServeProcess> StartAsync(string configPath, string dataDirectory, IEnumerable<string>? extraArguments = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "switchboard.dll"), "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--config", configPath, "--data", dataDirectory }.Concat(extraArguments ?? []))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["SWITCHBOARD_ADMIN_KEY"] = GatewayServer.AdminKey;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServeProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var response = await server.Http.GetAsync("healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"switchboard serve did not start (exited: {process.HasExited}):\n{string.Join('\n', output)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGTERM: a graceful shutdown (requests drain, the usage ledger is flushed); waits for the exit.</summary>
    public async Task StopAsync()
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
               { UseShellExecute = false }))
        {
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>SIGKILL: nothing is flushed, no hosted service stops.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    // The last lines the process wrote, for the message when it does not start.
    private static void Keep(System.Collections.Concurrent.ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 50)
        {
            output.TryDequeue(out _);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
