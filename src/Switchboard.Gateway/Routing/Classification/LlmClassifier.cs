using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Switchboard.Gateway.Aggregation;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Observability;

namespace Switchboard.Gateway.Routing.Classification;

/// <summary>
/// The LLM stage of a router alias: a small model is asked which configured label fits the user's
/// message (e.g. <c>simple</c> → a small local model, <c>complex</c> → a capable cloud model). The call
/// goes through the ordinary relay with the caller's routing preference, so <c>local-only</c> holds
/// here too, and its cost is charged to the request. Any failure, timeout or unrecognised reply
/// leaves the decision to the default alias. Thread-safe.
/// </summary>
internal sealed partial class LlmClassifier(CapturingRelay capturing, ILogger<LlmClassifier> logger)
{
    /// <summary>Longer messages are cut: the start of a request says enough about its kind.</summary>
    private const int MaxTextChars = 4000;

    /// <summary>The alias of the label the model chose; null when it could not decide.</summary>
    public async Task<string?> ClassifyAsync(LlmClassifyConfig config, string text, GatewaySnapshot snapshot, RequestOutcome outcome,
        RoutePreference preference, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(config.TimeoutSeconds));
        try
        {
            var answer = await capturing.CompleteAsync(outcome, config.Model, snapshot.Routes[config.Model], snapshot.Options, Prompt(config, text),
                preference, timeout.Token).ConfigureAwait(false);
            CapturingRelay.Charge(outcome, answer);
            if (!answer.Succeeded)
            {
                Log.Undecided(logger, outcome.RequestId, config.Model, answer.Error ?? "");
                return null;
            }

            var label = LabelIn(answer.Content ?? "", config.Labels);
            if (label is null)
            {
                Log.Undecided(logger, outcome.RequestId, config.Model, $"the reply names no label: {Shorten(answer.Content ?? "")}");
            }

            return label?.Alias;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.Undecided(logger, outcome.RequestId, config.Model, $"no reply within {config.TimeoutSeconds:0.###} s");
            return null;
        }
    }

    /// <summary>The label named earliest in the reply, as a whole word, ignoring case.</summary>
    internal static LlmLabelConfig? LabelIn(string reply, IReadOnlyList<LlmLabelConfig> labels)
    {
        LlmLabelConfig? best = null;
        var bestAt = int.MaxValue;
        foreach (var label in labels)
        {
            var match = Regex.Match(reply, $@"(?<!\w){Regex.Escape(label.Label)}(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                TimeSpan.FromMilliseconds(50));
            if (match.Success && match.Index < bestAt)
            {
                (best, bestAt) = (label, match.Index);
            }
        }

        return best;
    }

    internal static JsonObject Prompt(LlmClassifyConfig config, string text)
    {
        var instructions = new StringBuilder(
            "You route requests to the right model. Classify the user's message into exactly one of these labels:\n");
        foreach (var label in config.Labels)
        {
            instructions.Append("- ").Append(label.Label).Append(": ").AppendLine(label.Description);
        }

        instructions.Append("Reply with the label only.");
        return new JsonObject
        {
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = instructions.ToString() },
                new JsonObject { ["role"] = "user", ["content"] = text.Length > MaxTextChars ? text[..MaxTextChars] : text }),
            ["temperature"] = 0,
            ["max_tokens"] = 16,
        };
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;

    private static partial class Log
    {
        [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "{RequestId} classifier model {Model} did not decide ({Reason}); using the default alias")]
        public static partial void Undecided(ILogger logger, string requestId, string model, string reason);
    }
}
