using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Switchboard.Server.Knowledge.Api;

/// <summary>Reads a JSON body, turning every way it can be wrong into a 400 problem that names the problem.</summary>
internal static class ApiJson
{
    public static async Task<(T? Body, ProblemHttpResult? Problem)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, Problems.BadRequest("The body must be JSON (Content-Type: application/json)."));
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted).ConfigureAwait(false);
            return body is null ? (null, Problems.BadRequest("The body must be a JSON object.")) : (body, null);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 1 } path ? $" at {path}" : "";
            return (null, Problems.BadRequest($"The body is not valid: {ex.Message.Split(" Path:")[0]}{where}"));
        }
    }
}
