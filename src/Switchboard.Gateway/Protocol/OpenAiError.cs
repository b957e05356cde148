using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Switchboard.Gateway.Protocol;

/// <summary>
/// An error in OpenAI's shape, <c>{"error":{"message","type","param","code"}}</c>, with its HTTP status.
/// Messages name the problem for the caller and never contain upstream URLs or credentials.
/// </summary>
internal sealed record OpenAiError(int Status, string Message, string Type, string? Param, string? Code)
{
    public const string InvalidRequest = "invalid_request_error";

    public static OpenAiError BadRequest(string message, string? param = null, string? code = null) =>
        new(StatusCodes.Status400BadRequest, message, InvalidRequest, param, code);

    public static OpenAiError MissingField(string field) =>
        BadRequest($"Missing required parameter: '{field}'.", field, "missing_required_parameter");

    public static OpenAiError Unauthorized(string message) =>
        new(StatusCodes.Status401Unauthorized, message, InvalidRequest, null, "invalid_api_key");

    /// <summary>A valid key that may not make this request (e.g. from a network outside its allow-list).</summary>
    public static OpenAiError Forbidden(string message) =>
        new(StatusCodes.Status403Forbidden, message, "permission_error", null, "access_denied");

    public static OpenAiError ModelNotAllowed(string alias) =>
        new(StatusCodes.Status403Forbidden, $"This API key is not allowed to use the model '{alias}'.", "permission_error", "model", "model_not_allowed");

    public static OpenAiError ModelNotFound(string alias) =>
        new(StatusCodes.Status404NotFound, $"The model '{alias}' does not exist or you do not have access to it.", InvalidRequest, "model", "model_not_found");

    public static OpenAiError NotFound(string path) =>
        new(StatusCodes.Status404NotFound, $"Unknown request URL: {path}.", InvalidRequest, null, "unknown_url");

    public static OpenAiError MethodNotAllowed(string method, string path, string allowed) =>
        new(StatusCodes.Status405MethodNotAllowed, $"{method} is not allowed on {path}; use {allowed}.", InvalidRequest, null, "method_not_allowed");

    public static OpenAiError BodyTooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, $"Request body is larger than the limit of {limit} bytes.", InvalidRequest, null, "request_too_large");

    public static OpenAiError Unavailable(int status, string message) =>
        new(status, message, "api_error", null, status == StatusCodes.Status504GatewayTimeout ? "upstream_timeout" : "upstream_unavailable");

    public static OpenAiError Internal(string requestId) =>
        new(StatusCodes.Status500InternalServerError, $"The gateway failed to process the request (request id {requestId}).", "server_error", null, null);

    /// <summary>Writes the <c>{"error":{…}}</c> object.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error"u8);
        writer.WriteString("message"u8, Message);
        writer.WriteString("type"u8, Type);
        WriteNullable(writer, "param"u8, Param);
        WriteNullable(writer, "code"u8, Code);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Readable escaping (quotes and Cyrillic stay as they are): the body is JSON served as
    /// <c>application/json</c>, never embedded in HTML.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = Status;
        response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions))
        {
            WriteTo(writer);
        }

        return response.BodyWriter.FlushAsync(cancellationToken).AsTask();
    }

    private static void WriteNullable(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
