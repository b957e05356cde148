using System.ClientModel;
using System.Text;
using OpenAI.Chat;
using OpenAI.Embeddings;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Providers;

/// <summary>
/// The YandexGPT adapter against the real Foundation Models API. Opt-in: set <c>YANDEX_API_KEY</c> (an API
/// key with the <c>ai.languageModels.user</c> role) and <c>YANDEX_FOLDER_ID</c>; otherwise reported as skipped.
/// </summary>
public sealed class YandexGptLiveTests
{
    private const string KeyVariable = "YANDEX_API_KEY";
    private const string FolderVariable = "YANDEX_FOLDER_ID";

    [LiveFact(KeyVariable, FolderVariable)]
    public async Task Live_ChatCompletion_AnswersWithUsage()
    {
        await using var server = await StartAsync();

        ChatCompletion completion = await server.OpenAi().GetChatClient("yandex").CompleteChatAsync(
            [new UserChatMessage("Ответь одним словом: столица России?")], new ChatCompletionOptions { MaxOutputTokenCount = 20 });

        Assert.False(string.IsNullOrWhiteSpace(completion.Content[0].Text));
        Assert.True(completion.Usage.InputTokenCount > 0);
    }

    [LiveFact(KeyVariable, FolderVariable)]
    public async Task Live_Stream_EndsWithAFinishReason()
    {
        await using var server = await StartAsync();
        var text = new StringBuilder();
        ChatFinishReason? finish = null;

        await foreach (var update in server.OpenAi().GetChatClient("yandex").CompleteChatStreamingAsync([new UserChatMessage("Посчитай от одного до пяти.")]))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            finish ??= update.FinishReason;
        }

        Assert.NotEqual(0, text.Length);
        Assert.NotNull(finish);
    }

    [LiveFact(KeyVariable, FolderVariable)]
    public async Task Live_Embeddings_ReturnOneVectorPerInput()
    {
        await using var server = await StartAsync();

        ClientResult<OpenAIEmbeddingCollection> result = await server.OpenAi().GetEmbeddingClient("yandex-embed").GenerateEmbeddingsAsync(["первый", "второй"]);

        Assert.Equal(2, result.Value.Count);
        Assert.True(result.Value[0].ToFloats().Length > 0);
    }

    private static Task<GatewayServer> StartAsync() => GatewayServer.StartAsync($$"""
        {
          "providers": [
            { "name": "yandex", "type": "yandexgpt", "folderId": "{{Environment.GetEnvironmentVariable(FolderVariable)}}", "apiKey": "env:{{KeyVariable}}" }
          ],
          "models": [
            { "alias": "yandex", "deployments": [ { "provider": "yandex", "model": "yandexgpt-lite/latest" } ] },
            { "alias": "yandex-embed", "deployments": [ { "provider": "yandex", "model": "text-search-doc/latest" } ] }
          ]
        }
        """);
}
