using System.Diagnostics;
using Switchboard.Gateway.Protocol;

namespace Switchboard.Gateway.Observability;

/// <summary>
/// Everything measured about one gateway request, filled in as it runs and reported once at the end
/// (log line, metrics, trace). Owned by the request; not thread-safe.
/// </summary>
internal sealed class RequestOutcome(string requestId, string operation, long startTimestamp)
{
    public string RequestId { get; } = requestId;

    /// <summary>GenAI operation name: <c>chat</c>, <c>text_completion</c> or <c>embeddings</c>.</summary>
    public string Operation { get; } = operation;

    public long StartTimestamp { get; } = startTimestamp;

    public string? KeyId { get; set; }

    /// <summary>Who made the request; null until authenticated (and for unauthenticated refusals).</summary>
    public Auth.GatewayCaller? Caller { get; set; }

    /// <summary>The request's hold on its rate limits and budgets, settled when it is reported; null when nothing applies.</summary>
    public Accounting.AdmissionTicket? Admission { get; set; }

    /// <summary><c>api</c> for requests to <c>/v1</c>, <c>internal</c> for calls the knowledge base makes in-process.</summary>
    public string Source { get; set; } = "api";

    /// <summary>True once an attempt of this request itself reached a deployment (its usage is in <see cref="Usage"/>, priced at <see cref="Price"/>).</summary>
    public bool Served { get; set; }

    /// <summary>The price of the deployment that served (or last tried) the request; null when it has none.</summary>
    public Configuration.PriceConfig? Price { get; set; }

    /// <summary>
    /// Calls made for this request through other outcomes (a router's classifier, consensus members, a judge), each
    /// priced at its own deployment; null when there were none. Appended by one thread at a time.
    /// </summary>
    public List<Accounting.UsageCharge>? Charges { get; set; }

    /// <summary>SSE events forwarded to the client, the output-token estimate of a stream cut before its usage arrived.</summary>
    public int StreamedEvents { get; set; }

    /// <summary>Prompt tokens estimated from the request size (bytes / 3), for requests whose upstream reports no usage.</summary>
    public long EstimatedPromptTokens { get; set; }

    public string? Alias { get; set; }

    /// <summary>The deployment that served the request (or the last one tried).</summary>
    public string? Deployment { get; set; }

    public string? ProviderName { get; set; }

    public int Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>Size of the request body, once read.</summary>
    public int? RequestBytes { get; set; }

    public bool Stream { get; set; }

    /// <summary>Why the request failed, e.g. <c>timeout</c>, <c>connection</c>, <c>upstream_5xx</c>, <c>stream_cut</c>; null on success.</summary>
    public string? ErrorType { get; set; }

    public UsageReport Usage { get; } = new();

    /// <summary>The request's trace span, started once the alias is known; null when nobody listens.</summary>
    public Activity? Activity { get; set; }

    /// <summary>Stopwatch ticks spent waiting on upstreams (all attempts), for the overhead figure.</summary>
    public long UpstreamTicks { get; set; }

    /// <summary>Stopwatch timestamp when the first content reached the client; 0 if none did.</summary>
    public long FirstByteTimestamp { get; set; }

    /// <summary>For one attempt of a raced request: the response it competes for; null when the request is not raced.</summary>
    public Relay.ResponseClaim? Claim { get; init; }

    /// <summary>Called just before the first write to the client: false when another attempt of a race already writes.</summary>
    public bool TryClaimResponse() => Claim is null || Claim.TryClaim(this);

    /// <summary>A racer's outcome for one attempt of this request.</summary>
    public RequestOutcome ForRacer(Relay.ResponseClaim claim) =>
        new(RequestId, Operation, StartTimestamp) { Claim = claim, Alias = Alias, Stream = Stream, KeyId = KeyId, EstimatedPromptTokens = EstimatedPromptTokens };

    /// <summary>Takes over what the winning racer measured; attempts of all racers add up.</summary>
    public void AdoptRacer(RequestOutcome winner)
    {
        Deployment = winner.Deployment;
        ProviderName = winner.ProviderName;
        Served |= winner.Served;
        Price = winner.Price;
        StreamedEvents = winner.StreamedEvents;
        ErrorType = winner.ErrorType;
        FirstByteTimestamp = winner.FirstByteTimestamp;
        UpstreamTicks += winner.UpstreamTicks;
        Usage.CopyFrom(winner.Usage);
    }

    public double ElapsedSeconds(long now) => Stopwatch.GetElapsedTime(StartTimestamp, now).TotalSeconds;

    /// <summary>Time the gateway itself added: elapsed minus time spent waiting on upstreams.</summary>
    public double OverheadMilliseconds(long now) =>
        Math.Max(0, Stopwatch.GetElapsedTime(StartTimestamp, now).TotalMilliseconds - TicksToMilliseconds(UpstreamTicks));

    public double UpstreamMilliseconds => TicksToMilliseconds(UpstreamTicks);

    private static double TicksToMilliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
