using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Providers.YandexGpt;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Tests.Providers.YandexGpt;

public sealed class YandexEndpointsTests
{
    [Fact]
    public void Endpoints_DefaultsAndModelUris()
    {
        var endpoints = new YandexEndpoints(new UpstreamProvider("y", new Uri("https://llm.api.cloud.yandex.net/"), "k", null, new Dictionary<string, string>())
        {
            Config = new ProviderConfig { FolderId = "b1g" },
        });

        Assert.Equal("https://llm.api.cloud.yandex.net/foundationModels/v1/completion", endpoints.Completion.ToString());
        Assert.Equal("https://operation.api.cloud.yandex.net/operations/op1", endpoints.Operation("op1").ToString());
        Assert.Equal("https://iam.api.cloud.yandex.net/iam/v1/tokens", endpoints.Auth.ToString());
        Assert.Equal("gpt://b1g/yandexgpt-lite/latest", endpoints.GptUri("yandexgpt-lite/latest"));
        Assert.Equal("gpt://other/yandexgpt/rc", endpoints.GptUri("gpt://other/yandexgpt/rc"));
        Assert.Equal("emb://b1g/text-search-doc/latest", endpoints.EmbUri("text-search-doc/latest"));
    }
}
