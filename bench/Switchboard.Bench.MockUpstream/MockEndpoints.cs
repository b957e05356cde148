namespace Switchboard.Bench.MockUpstream;

/// <summary>Maps the mock's OpenAI-compatible endpoints as plain request delegates (no model binding on the hot path).</summary>
internal static class MockEndpoints
{
    public static IEndpointRouteBuilder MapMockEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/chat/completions", (RequestDelegate)ChatCompletionsEndpoint.HandleAsync);
        endpoints.MapPost("/v1/embeddings", (RequestDelegate)EmbeddingsEndpoint.HandleAsync);
        endpoints.MapGet("/healthz", static context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        return endpoints;
    }
}
