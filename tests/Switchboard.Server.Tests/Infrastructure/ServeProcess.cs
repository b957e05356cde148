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

    public static async Task<ServeProcess> StartAsync(string configPath, string dataDirectory)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "switchboard.dll"), "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--config", configPath, "--data", dataDirectory })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["SWITCHBOARD_ADMIN_KEY"] = GatewayServer.AdminKey;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
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
                throw new InvalidOperationException($"switchboard serve did not start (exited: {process.HasExited}).");
            }

            await Task.Delay(100);
        }
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
