using System.Text;
using Switchboard.Gateway.Configuration;

namespace Switchboard.Gateway.Tests.Configuration;

public sealed class GatewaySnapshotBuilderTests
{
    private static readonly GatewayConfig Config = GatewayConfigLoader.Parse(Encoding.UTF8.GetBytes("""
        { "providers": [
            { "name": "literal", "baseUrl": "http://a.example/v1", "apiKey": "sk-literal" },
            { "name": "fromenv", "baseUrl": "http://b.example/v1/", "apiKey": "env:MY_KEY" },
            { "name": "nokey", "baseUrl": "http://c.example:8080/v1" } ],
          "models": [ { "alias": "m", "deployments": [ { "provider": "fromenv", "model": "x" }, { "provider": "nokey", "model": "y" } ] } ] }
        """), "test.json");

    [Fact]
    public void Build_ResolvesKeysAndEndpoints()
    {
        var snapshot = GatewaySnapshotBuilder.Build(Config, name => name == "MY_KEY" ? "sk-env" : null, DateTimeOffset.UnixEpoch);

        Assert.Equal("sk-literal", snapshot.Providers["literal"].Authorization!.Parameter);
        Assert.Equal("sk-env", snapshot.Providers["fromenv"].Authorization!.Parameter);
        Assert.Null(snapshot.Providers["nokey"].Authorization);
        Assert.Equal("http://b.example/v1/chat/completions", snapshot.Providers["fromenv"].ChatCompletionsUri.ToString());
        Assert.Equal("http://c.example:8080/v1/embeddings", snapshot.Providers["nokey"].EmbeddingsUri.ToString());
        Assert.Equal(["fromenv/x", "nokey/y"], snapshot.Routes["m"].Deployments.Select(d => d.Name));
    }

    [Fact]
    public void Build_MissingEnvironmentVariable_MarksProviderUnusableWithReason()
    {
        var snapshot = GatewaySnapshotBuilder.Build(Config, _ => null, DateTimeOffset.UnixEpoch);

        Assert.Equal("provider 'fromenv' has no API key: environment variable MY_KEY is not set", snapshot.Providers["fromenv"].UnusableReason);
        Assert.Null(snapshot.Providers["nokey"].UnusableReason);
    }
}
