using System.ClientModel;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;
using OpenAI;
using Switchboard.Server.Hosting;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Identity;
using Switchboard.Server.ControlPlane.Tenancy;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>
/// A real Switchboard server (the same host <c>switchboard serve</c> builds) on a free loopback port,
/// with its own temp config file and data directory, and a log capture.
/// </summary>
public sealed class GatewayServer : IAsyncDisposable
{
    public const string AdminKey = "sb-test-admin-key-000000000000000000000000000";
    public const string UpstreamKeyVariable = "SB_TEST_UPSTREAM_KEY";
    public const string UpstreamKey = "upstream-secret-7f3a9c";

    private readonly string _root;

    static GatewayServer()
    {
        // Process-wide and constant, so parallel test classes agree on them.
        Environment.SetEnvironmentVariable(IdentityDirectory.AdminKeyVariable, AdminKey);
        Environment.SetEnvironmentVariable(UpstreamKeyVariable, UpstreamKey);
    }

    private GatewayServer(string root, WebApplication app, Uri baseAddress, TestLoggerProvider logs)
    {
        _root = root;
        App = app;
        BaseAddress = baseAddress;
        Logs = logs;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public TestLoggerProvider Logs { get; }

    /// <summary>A client authenticated with the bootstrap admin key.</summary>
    public HttpClient Http { get; }

    /// <summary>Leave the directory on dispose (a restart test starts a second server on it).</summary>
    public bool KeepRoot { get; init; }

    public string ConfigPath => Path.Combine(_root, "switchboard.json");

    public string DataDirectory => Path.Combine(_root, "data");

    /// <summary>
    /// Stores a key in the operator tenant (created as <c>default</c> when there is none), owned by the service account
    /// <c>test-keys</c> (a member) unless <paramref name="owner"/> says otherwise; the running server sees it at once.
    /// </summary>
    internal (ApiKey Record, string Key) CreateKey(string name, IReadOnlyList<string>? models = null, DateTimeOffset? expiresAt = null,
        string? route = null, KeyOwner? owner = null, IReadOnlyList<string>? networks = null, Guid? tenantId = null) =>
        CreateKeyAsync(new NewApiKey(name, default) { Models = models, ExpiresAt = expiresAt, Route = route, Networks = networks }, owner, tenantId)
            .GetAwaiter().GetResult();

    internal async Task<(ApiKey Record, string Key)> CreateKeyAsync(NewApiKey request, KeyOwner? owner = null, Guid? tenantId = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var tenancy = services.GetRequiredService<TenantProvisioning>();
        var tenant = tenantId ?? (await tenancy.EnsureOperatorTenantAsync(AuditActor.System, default)).Id;
        owner ??= KeyOwner.ServiceAccount((await tenancy.EnsureServiceAccountAsync(tenant, "test-keys", UserRole.Member, AuditActor.System, default)).Id);
        var created = await services.GetRequiredService<ApiKeyService>().CreateAsync(tenant, request with { Owner = owner.Value }, AuditActor.System, default);
        return (created.Key, created.Secret!);
    }

    /// <summary>Revokes a key through the control plane; the running server refuses it at once.</summary>
    internal async Task RevokeKeyAsync(ApiKey key)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ApiKeyService>().RevokeAsync(key.TenantId, key.Id, AuditActor.System, default);
    }

    /// <summary>Makes the running server see identity changes now (instead of at its next poll).</summary>
    internal Task RefreshKeysAsync() => App.Services.GetRequiredService<IdentityDirectory>().RefreshAsync(default);

    /// <summary>Starts a server whose config is <paramref name="configJson"/>; <paramref name="configureServices"/> may replace parts.</summary>
    internal static async Task<GatewayServer> StartAsync(string configJson, TimeSpan? shutdownTimeout = null, string? root = null,
        Action<IServiceCollection>? configureServices = null, bool keepRoot = false, Func<ServeOptions, ServeOptions>? adjustOptions = null)
    {
        root ??= Directory.CreateTempSubdirectory("switchboard-test-").FullName;
        var configPath = Path.Combine(root, "switchboard.json");
        if (!File.Exists(configPath))
        {
            await File.WriteAllTextAsync(configPath, configJson);
        }

        var logs = new TestLoggerProvider();
        var options = new ServeOptions
        {
            Port = 0,
            ConfigPath = configPath,
            DataDirectory = Path.Combine(root, "data"),
            ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(5),
        };
        var app = SwitchboardHost.Build(
            adjustOptions?.Invoke(options) ?? options,
            services =>
            {
                services.AddSingleton<ILoggerProvider>(logs);
                configureServices?.Invoke(services);
            });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GatewayServer(root, app, new Uri(address + "/"), logs) { KeepRoot = keepRoot };
    }

    /// <summary>A config with one provider pointing at <paramref name="stub"/> (key from the environment) and the given aliases.</summary>
    public static string Config(StubUpstream stub, string models, string gateway = "{}", string extraProviders = "") => $$"""
        {
          "gateway": {{gateway}},
          "providers": [
            { "name": "stub", "type": "openai", "baseUrl": "{{stub.BaseUrl}}", "apiKey": "env:{{UpstreamKeyVariable}}" }{{extraProviders}}
          ],
          "models": {{models}}
        }
        """;

    public OpenAIClient OpenAi(string apiKey = AdminKey) =>
        new(new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(BaseAddress, "v1"), NetworkTimeout = TimeSpan.FromSeconds(60) });

    /// <summary>A client that closes the connection when a response is disposed half-read (no draining), like a browser tab being closed.</summary>
    public HttpClient ClientWithKey(string? apiKey)
    {
        var handler = new SocketsHttpHandler { MaxResponseDrainSize = 0 };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>Posts a one-message chat request for <paramref name="alias"/> with the admin key.</summary>
    public Task<HttpResponseMessage> PostChatAsync(string alias, bool stream = false) =>
        Http.PostAsync("v1/chat/completions", new StringContent(
            $$"""{"model":"{{alias}}","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"x"}]}""", System.Text.Encoding.UTF8, "application/json"));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (KeepRoot)
        {
            return;
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
}
