using System.Text;
using System.Text.Json.Nodes;

namespace Switchboard.Gateway.Aggregation;

/// <summary>
/// The request a consensus judge gets: the conversation so far and the members' answers, with the
/// task of writing the one best answer. The judge sees the whole conversation (not only the last
/// question) so that it answers in context and in the user's language.
/// </summary>
internal static class JudgePrompt
{
    private const string Instructions =
        "You are the judge of several AI assistants that answered the same conversation. Read the conversation and their answers, " +
        "then write the single best reply to the user's last message: keep what the answers agree on and what is correct, " +
        "resolve disagreements by reasoning, drop mistakes. Reply in the language of the user's last message. " +
        "Write only the reply itself, without mentioning the assistants, the candidates or this instruction.";

    /// <summary>A chat request for the judge, built from the client's request and the successful answers.</summary>
    public static JsonObject Build(JsonObject clientRequest, IReadOnlyList<CapturedAnswer> answers)
    {
        var conversation = new StringBuilder();
        if (clientRequest["messages"] is JsonArray messages)
        {
            foreach (var message in messages)
            {
                var role = message?["role"]?.GetValue<string>() ?? "user";
                conversation.Append(role).Append(": ").AppendLine(TextOf(message?["content"]));
            }
        }

        var candidates = new StringBuilder();
        var n = 0;
        foreach (var answer in answers.Where(a => a.Succeeded))
        {
            candidates.Append("--- Answer ").Append(++n).AppendLine(" ---").AppendLine(answer.Content);
        }

        var request = new JsonObject
        {
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = Instructions },
                new JsonObject { ["role"] = "user", ["content"] = $"Conversation:\n{conversation}\nAnswers:\n{candidates}" }),
        };
        foreach (var carried in new[] { "temperature", "max_tokens", "max_completion_tokens" })
        {
            if (clientRequest[carried] is { } value)
            {
                request[carried] = value.DeepClone();
            }
        }

        return request;
    }

    /// <summary>Text of a message's content: a string, or the text parts of a multipart content.</summary>
    private static string TextOf(JsonNode? content) => content switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray parts => string.Join("\n", parts.Select(p => p?["text"]?.GetValue<string>()).Where(t => t is not null)),
        _ => "",
    };
}
