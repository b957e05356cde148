using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.Usage.Ledger;
using Switchboard.Server.Usage.Storage;
using Switchboard.Server.Web.Auth;

namespace Switchboard.Web.Tests.Infrastructure;

/// <summary>
/// What the browser tests do to a server besides clicking: API keys made by the control plane, model calls over <c>/v1</c>,
/// the usage ledger, and page services acting for a logged-in user.
/// </summary>
public static class ServerCalls
{
    /// <summary>A new API key of the user with <paramref name="email"/>, made by the control plane as the keys page would; the secret.</summary>
    public static async Task<string> CreateKeyAsync(this WebServer server, string email, string name)
    {
        using var scope = server.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync(user.TenantId, new NewApiKey(name, KeyOwner.User(user.Id)), AuditActor.System, CancellationToken.None);
        return created.Secret!;
    }

    /// <summary>A service scope acting for <paramref name="account"/>, as a circuit of theirs would, after a real login.</summary>
    public static async Task<AsyncServiceScope> SessionScopeAsync(this WebServer server, TestAccount account)
    {
        var scope = server.App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .LoginAsync(new LoginAttempt(null, account.Email, account.Password), CancellationToken.None);
        var principal = WebSessions.Principal(result.Tokens!, account.Email, DateTimeOffset.UtcNow.AddHours(1));
        scope.ServiceProvider.GetRequiredService<WebAuthenticationStateProvider>()
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return scope;
    }

    /// <summary>A non-streamed chat completion with <paramref name="key"/>; the response's status.</summary>
    public static async Task<HttpResponseMessage> ChatAsync(this WebServer server, string key, string model)
    {
        using var http = Client(server, key);
        return await http.PostAsJsonAsync("v1/chat/completions", new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "How many requests so far?" }),
        });
    }

    public static HttpClient Client(this WebServer server, string key)
    {
        var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    /// <summary>
    /// Waits until the usage ledger holds <paramref name="rows"/> rows: a request's row is queued as it ends (which may
    /// be just after its client has the answer) and written in batches, so flush until they are all stored.
    /// </summary>
    public static async Task WaitForUsageRowsAsync(this WebServer server, int rows)
    {
        var ledger = server.App.Services.GetRequiredService<UsageLedger>();
        var contexts = server.App.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            await ledger.FlushAsync(timeout.Token);
            await using var db = await contexts.CreateDbContextAsync(timeout.Token);
            if (await db.UsageRecords.CountAsync(timeout.Token) >= rows)
            {
                return;
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
