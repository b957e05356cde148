using System.Diagnostics;

namespace Switchboard.Gateway.Observability;

/// <summary>
/// Trace source <c>Switchboard.Gateway</c>: one client span per relayed request with the OpenTelemetry
/// GenAI semantic-convention attributes. Costs nothing when no listener is attached.
/// </summary>
internal static class GatewayTelemetry
{
    public const string SourceName = "Switchboard.Gateway";

    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartRequest(RequestOutcome outcome)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(outcome.Operation + " " + outcome.Alias, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.operation.name", outcome.Operation);
            activity.SetTag("gen_ai.request.model", outcome.Alias);
            activity.SetTag("switchboard.request_id", outcome.RequestId);
            activity.SetTag("switchboard.key_id", outcome.KeyId);
        }

        return activity;
    }

    public static void Complete(Activity? activity, RequestOutcome outcome)
    {
        if (activity is null)
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag("gen_ai.provider.name", outcome.ProviderName);
            activity.SetTag("gen_ai.response.model", outcome.Usage.ResponseModel);
            activity.SetTag("gen_ai.usage.input_tokens", outcome.Usage.InputTokens);
            activity.SetTag("gen_ai.usage.output_tokens", outcome.Usage.OutputTokens);
            if (outcome.Usage.FinishReason is { } finish)
            {
                activity.SetTag("gen_ai.response.finish_reasons", new[] { finish });
            }

            activity.SetTag("switchboard.deployment", outcome.Deployment);
            activity.SetTag("switchboard.attempts", outcome.Attempts);
            activity.SetTag("http.response.status_code", outcome.Status);
            if (outcome.ErrorType is { } error)
            {
                activity.SetTag("error.type", error);
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }

        activity.Dispose();
    }
}
