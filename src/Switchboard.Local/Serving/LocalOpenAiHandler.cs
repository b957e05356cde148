using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Switchboard.Local.Inference;
using Switchboard.Local.Serving.Structured;

namespace Switchboard.Local.Serving;

/// <summary>
/// The in-process "upstream" of the local provider: an <see cref="HttpMessageHandler"/> that answers
/// OpenAI <c>/v1/chat/completions</c> and <c>/v1/completions</c> requests with llama.cpp, without a
/// socket. The gateway's relay sends to it like to any server, so routing, failover, health, streaming,
/// usage capture and stream-cut handling apply to local models unchanged. Errors come back in OpenAI's
/// shape: a prompt that does not fit is 400 <c>context_length_exceeded</c> (the router can fail over to
/// a larger window), a model that cannot be loaded 503 (the router tries another deployment).
/// </summary>
internal sealed class LocalOpenAiHandler(LocalModelManager manager) : HttpMessageHandler
{
    private static readonly string JsonGrammar = ReadGrammar();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path.EndsWith("/embeddings", StringComparison.Ordinal))
        {
            return LocalEmbeddingsEndpoint.Handle(manager, await request.Content!.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), cancellationToken);
        }

        var chat = path.EndsWith("/chat/completions", StringComparison.Ordinal);
        if (!chat && !path.EndsWith("/completions", StringComparison.Ordinal))
        {
            return Error(HttpStatusCode.NotFound, $"The local provider serves /v1/chat/completions and /v1/completions, not {path}.", "invalid_request_error", "unsupported_operation");
        }

        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        LocalCompletionRequest parsed;
        try
        {
            parsed = LocalCompletionRequest.Parse(body, chat, JsonGrammar);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            return Error(HttpStatusCode.BadRequest, $"The request could not be read by the local provider: {ex.Message}", "invalid_request_error", null);
        }

        var tools = parsed.Tools is { Active: true } offered ? offered : null;
        SamplingOptions sampling;
        try
        {
            // Tool calls take the grammar when the model may call; otherwise the caller's schema, else JSON mode's generic grammar.
            sampling = parsed.Sampling with { Grammar = tools?.Grammar() ?? (parsed.ResponseSchema is { } schema ? JsonSchemaGrammar.Convert(schema) : parsed.Sampling.Grammar) };
        }
        catch (ArgumentException ex)
        {
            return Error(HttpStatusCode.BadRequest, ex.Message, "invalid_request_error", "unsupported_schema");
        }

        BatchedGenerator generator;
        try
        {
            generator = manager.Acquire(manager.Options.ResolvePath(parsed.Model));
        }
        catch (LocalModelUnavailableException ex)
        {
            return Error(HttpStatusCode.ServiceUnavailable, ex.Message, "server_error", "model_unavailable");
        }

        var model = generator.Model;
        GenerationHandle handle;
        try
        {
            var messages = tools is null ? parsed.Messages : [("system", tools.Instructions()), .. parsed.Messages];
            var text = chat ? ChatPrompt.Render(model, messages, manager.Options.ChatTemplate) : parsed.Prompt;
            int[] tokens = text.Length == 0 ? [model.Bos] : model.Tokenize(text, addSpecial: true, parseSpecial: chat);
            var maxTokens = Math.Max(1, Math.Min(parsed.MaxTokens ?? int.MaxValue, generator.SlotContext - tokens.Length));
            handle = generator.Enqueue(new GenerationRequest(tokens, maxTokens, sampling, parsed.Stop), cancellationToken);
        }
        catch (ContextLengthExceededException ex)
        {
            return Error(HttpStatusCode.BadRequest, ex.Message, "invalid_request_error", "context_length_exceeded");
        }
        catch (ArgumentException ex)
        {
            return Error(HttpStatusCode.BadRequest, ex.Message, "invalid_request_error", null);
        }

        var writer = new LocalResponseWriter(chat, parsed.Model);
        if (parsed.Stream)
        {
            var stream = new GenerationSseStream(handle, writer, parsed.IncludeUsage, toolCalls: tools is not null);
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StreamContent(stream) { Headers = { ContentType = new MediaTypeHeaderValue("text/event-stream") } },
            };
        }

        var answer = new StringBuilder();
        await foreach (var generated in handle.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            answer.Append(generated.Text);
            if (generated.FinishReason is { } finish)
            {
                if (generated.Error is { } error)
                {
                    return Error(HttpStatusCode.InternalServerError, error, "server_error", null);
                }

                return Json(HttpStatusCode.OK, tools is not null && ToolCallFormat.Parse(answer.ToString()) is { } calls
                    ? writer.ToolCallsCompletion(calls, generated.PromptTokens, generated.CompletionTokens)
                    : writer.Completion(answer.ToString(), finish, generated.PromptTokens, generated.CompletionTokens));
            }
        }

        return Error(HttpStatusCode.InternalServerError, "the generation ended without a result", "server_error", null);
    }

    private static HttpResponseMessage Error(HttpStatusCode status, string message, string type, string? code) =>
        Json(status, LocalResponseWriter.Error(message, type, code));

    private static HttpResponseMessage Json(HttpStatusCode status, string json) => new(status)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    };

    private static string ReadGrammar()
    {
        using var stream = typeof(LocalOpenAiHandler).Assembly.GetManifestResourceStream("json.gbnf")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
