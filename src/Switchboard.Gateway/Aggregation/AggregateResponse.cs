using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchboard.Gateway.Observability;
using Switchboard.Gateway.Protocol;

namespace Switchboard.Gateway.Aggregation;

/// <summary>
/// The response of a multi-model request, in the shape of an ordinary chat completion (so any OpenAI
/// client reads it) plus a <c>switchboard</c> extension with every model's answer, status, latency and
/// usage. Written as JSON, or as SSE chunks when the client asked for a stream.
/// </summary>
internal static class AggregateResponse
{
    /// <summary>Every successful answer as a choice, in the members' order.</summary>
    public static JsonObject Compare(string alias, RequestOutcome outcome, IReadOnlyList<CapturedAnswer> answers)
    {
        var choices = new JsonArray();
        var extension = Extension("compare", answers);
        for (var i = 0; i < answers.Count; i++)
        {
            if (answers[i].Succeeded)
            {
                extension["answers"]![i]!["choice_index"] = choices.Count;
                choices.Add(Choice(choices.Count, answers[i]));
            }
        }

        return Completion(alias, outcome, choices, extension);
    }

    /// <summary>The majority answer as the one choice.</summary>
    public static JsonObject Vote(string alias, RequestOutcome outcome, IReadOnlyList<CapturedAnswer> answers, int winner, int votes, string? judgeError = null)
    {
        var extension = Extension("consensus", answers);
        extension["method"] = "vote";
        extension["winner"] = winner;
        extension["votes"] = votes;
        extension["voters"] = answers.Count(a => a.Succeeded);
        if (judgeError is not null)
        {
            extension["judge_error"] = judgeError;
        }

        return Completion(alias, outcome, [Choice(0, answers[winner])], extension);
    }

    /// <summary>The judge's synthesis as the one choice.</summary>
    public static JsonObject Judged(string alias, RequestOutcome outcome, IReadOnlyList<CapturedAnswer> answers, CapturedAnswer verdict)
    {
        var extension = Extension("consensus", answers);
        extension["method"] = "judge";
        extension["judge"] = Describe(verdict);
        return Completion(alias, outcome, [Choice(0, verdict)], extension);
    }

    public static async Task WriteAsync(HttpContext context, JsonObject completion, bool stream, bool includeUsage)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        if (!stream)
        {
            response.ContentType = "application/json";
            await response.WriteAsync(completion.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        // The answers are complete already; a streaming client gets them as chunks it can parse like any stream.
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        var events = new StringBuilder();
        foreach (var choice in completion["choices"]!.AsArray())
        {
            var delta = choice!["message"]!.DeepClone().AsObject();
            if (delta["tool_calls"] is JsonArray calls)
            {
                for (var k = 0; k < calls.Count; k++)
                {
                    calls[k]!["index"] = k;
                }
            }

            var chunk = Chunk(completion, new JsonArray(new JsonObject
            {
                ["index"] = choice["index"]!.DeepClone(),
                ["delta"] = delta,
                ["finish_reason"] = choice["finish_reason"]?.DeepClone(),
            }));
            events.Append("data: ").Append(chunk.ToJsonString()).Append("\n\n");
        }

        // The last chunk carries the extension, and the usage when the client asked for it.
        var last = Chunk(completion, []);
        last["switchboard"] = completion["switchboard"]!.DeepClone();
        if (includeUsage)
        {
            last["usage"] = completion["usage"]?.DeepClone();
        }

        events.Append("data: ").Append(last.ToJsonString()).Append("\n\n").Append("data: [DONE]\n\n");
        await response.WriteAsync(events.ToString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static JsonObject Completion(string alias, RequestOutcome outcome, JsonArray choices, JsonObject extension) => new()
    {
        ["id"] = "chatcmpl-sb-" + outcome.RequestId,
        ["object"] = "chat.completion",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = alias,
        ["choices"] = choices,
        ["usage"] = Usage(outcome.Usage),
        ["switchboard"] = extension,
    };

    private static JsonObject Chunk(JsonObject completion, JsonArray choices) => new()
    {
        ["id"] = completion["id"]!.DeepClone(),
        ["object"] = "chat.completion.chunk",
        ["created"] = completion["created"]!.DeepClone(),
        ["model"] = completion["model"]!.DeepClone(),
        ["choices"] = choices,
    };

    private static JsonObject Choice(int index, CapturedAnswer answer) => new()
    {
        ["index"] = index,
        ["message"] = answer.Message!.DeepClone(),
        ["finish_reason"] = answer.FinishReason,
    };

    private static JsonObject Extension(string strategy, IReadOnlyList<CapturedAnswer> answers) => new()
    {
        ["strategy"] = strategy,
        ["answers"] = new JsonArray(answers.Select(a => (JsonNode)Describe(a)).ToArray()),
    };

    private static JsonObject Describe(CapturedAnswer answer) => new()
    {
        ["model"] = answer.Model,
        ["deployment"] = answer.Deployment,
        ["status"] = answer.Status,
        ["latency_ms"] = Math.Round(answer.Elapsed.TotalMilliseconds, 1),
        ["content"] = answer.Content,
        ["finish_reason"] = answer.FinishReason,
        ["usage"] = Usage(answer.Usage),
        ["error"] = answer.Error,
    };

    private static JsonObject Usage(UsageReport usage) => new()
    {
        ["prompt_tokens"] = usage.InputTokens ?? 0,
        ["completion_tokens"] = usage.OutputTokens ?? 0,
        ["total_tokens"] = (usage.InputTokens ?? 0) + (usage.OutputTokens ?? 0),
    };
}
