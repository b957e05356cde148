namespace Switchboard.Bench.MockUpstream;

/// <summary><c>POST /v1/embeddings</c>: a small canned embedding list with usage.</summary>
internal static class EmbeddingsEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        await RequestBody.ReadAndInspectAsync(context.Request.BodyReader, static _ => true, cancellationToken);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = MockPayloads.Embeddings.Length;
        await response.BodyWriter.WriteAsync(MockPayloads.Embeddings, cancellationToken);
    }
}
