using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Switchboard.Gateway.Configuration;

namespace Switchboard.Gateway.Limits;

/// <summary>
/// The Redis connection of <c>limits.redis</c>, opened once at start-up (a change of the setting needs a
/// restart); null when limits are counted in-process. The connection reconnects by itself; while Redis is
/// unreachable, requests that have limits or budgets are refused with 503. Thread-safe.
/// </summary>
internal sealed partial class LimitsRedisConnection : IDisposable
{
    public LimitsRedisConnection(GatewayConfigProvider config, ILogger<LimitsRedisConnection> logger, Func<string, string?>? getEnvironmentVariable = null)
    {
        var configured = config.Current.Limits.Redis;
        if (string.IsNullOrWhiteSpace(configured))
        {
            return;
        }

        var connectionString = configured;
        if (configured.StartsWith(GatewayConfigValidator.EnvPrefix, StringComparison.Ordinal))
        {
            var variable = configured[GatewayConfigValidator.EnvPrefix.Length..];
            connectionString = (getEnvironmentVariable ?? Environment.GetEnvironmentVariable)(variable)
                ?? throw new ConfigValidationException("limits.redis", [$"limits.redis names the environment variable {variable}, which is not set"]);
        }

        var options = ConfigurationOptions.Parse(connectionString);
        // Start even when Redis is down (requests that need it get 503 until it is back), and never hang a request for long.
        options.AbortOnConnectFail = false;
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 2000);
        options.ClientName ??= "switchboard";
        Connection = ConnectionMultiplexer.Connect(options);
        var endpoints = string.Join(",", options.EndPoints);
        LogConnected(logger, endpoints, Connection.IsConnected);
    }

    /// <summary>Null when <c>limits.redis</c> is not set.</summary>
    public IConnectionMultiplexer? Connection { get; }

    public void Dispose() => Connection?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Limits and budgets are kept in Redis at {Endpoints} (connected: {Connected})")]
    private static partial void LogConnected(ILogger logger, string endpoints, bool connected);
}
