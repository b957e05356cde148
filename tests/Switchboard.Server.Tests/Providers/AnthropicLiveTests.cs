using System.Text.Json.Nodes;
using OpenAI.Chat;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Providers;

/// <summary>
/// The Anthropic adapter against the real Messages API. Opt-in: set <c>ANTHROPIC_API_KEY</c> (and
/// optionally <c>ANTHROPIC_LIVE_MODEL</c>, default <c>claude-haiku-4-5</c>); skipped otherwise.
/// </summary>
public sealed class AnthropicLiveTests : IAsyncLifetime
{
    private const string KeyVariable = "ANTHROPIC_API_KEY";

    private GatewayServer? _server;

    private GatewayServer Server => _server!;

    public async Task InitializeAsync()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(KeyVariable)))
        {
            return;
        }

        var model = Environment.GetEnvironmentVariable("ANTHROPIC_LIVE_MODEL") is { Length: > 0 } m ? m : "claude-haiku-4-5";
        _server = await GatewayServer.StartAsync($$"""
            {
              "providers": [ { "name": "anthropic", "type": "anthropic", "apiKey": "env:{{KeyVariable}}", "defaultMaxTokens": 256 } ],
              "models": [ { "alias": "claude", "deployments": [ { "provider": "anthropic", "model": "{{model}}" } ] } ]
            }
            """);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [LiveFact(KeyVariable)]
    public async Task CompleteChat_Live_AnswersWithUsage()
    {
        ChatCompletion completion = await Server.OpenAi().GetChatClient("claude").CompleteChatAsync(
            [new SystemChatMessage("Answer with one word."), new UserChatMessage("What colour is the sky on a clear day?")]);

        Assert.Contains("blue", completion.Content[0].Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.True(completion.Usage.OutputTokenCount > 0);
    }

    [LiveFact(KeyVariable)]
    public async Task CompleteChatStreaming_Live_StreamsTextAndUsage()
    {
        var text = "";
        ChatTokenUsage? usage = null;
        await foreach (var update in Server.OpenAi().GetChatClient("claude").CompleteChatStreamingAsync([new UserChatMessage("Count from 1 to 5, digits separated by spaces.")]))
        {
            text += string.Concat(update.ContentUpdate.Select(p => p.Text));
            usage ??= update.Usage;
        }

        Assert.Contains("1 2 3 4 5", text, StringComparison.Ordinal);
        Assert.NotNull(usage);
        Assert.True(usage.OutputTokenCount > 0);
    }

    [LiveFact(KeyVariable)]
    public async Task CompleteChat_LiveToolCall_RoundTrips()
    {
        var tool = ChatTool.CreateFunctionTool("get_weather", "Current weather in a city",
            BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));
        var options = new ChatCompletionOptions { Tools = { tool }, ToolChoice = ChatToolChoice.CreateRequiredChoice() };
        List<ChatMessage> messages = [new UserChatMessage("What is the weather in Paris?")];
        var client = Server.OpenAi().GetChatClient("claude");

        ChatCompletion first = await client.CompleteChatAsync(messages, options);
        var call = Assert.Single(first.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Contains("Paris", JsonNode.Parse(call.FunctionArguments.ToString())!["city"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);

        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(call.Id, "18 degrees and sunny"));
        ChatCompletion second = await client.CompleteChatAsync(messages, new ChatCompletionOptions { Tools = { tool } });
        Assert.Contains("18", second.Content[0].Text, StringComparison.Ordinal);
    }
}
