using Switchboard.Gateway.Protocol;

namespace Switchboard.Server.ControlPlane.Authorization;

/// <summary>Why a request was not let through: 401 (who are you?), 403 (not allowed), 400 (a bad tenant header). Writes itself as ProblemDetails, or in OpenAI's shape under <c>/v1</c>.</summary>
internal sealed record AuthorizationFailure(int Status, string Detail)
{
    /// <summary>The <c>WWW-Authenticate</c> value of a 401: <c>Bearer</c>, with <c>error="invalid_token"</c> when a token was presented and refused (RFC 6750).</summary>
    public string Challenge { get; init; } = "Bearer";

    public static AuthorizationFailure Unauthorized(string detail) => new(StatusCodes.Status401Unauthorized, detail);

    public static AuthorizationFailure InvalidToken(string detail) => new(StatusCodes.Status401Unauthorized, detail) { Challenge = "Bearer error=\"invalid_token\"" };

    public static AuthorizationFailure Forbidden(string detail) => new(StatusCodes.Status403Forbidden, detail);

    public Task WriteAsync(HttpContext context)
    {
        if (Status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = Challenge;
        }

        if (context.Request.Path.StartsWithSegments("/v1"))
        {
            var error = Status == StatusCodes.Status401Unauthorized ? OpenAiError.Unauthorized(Detail) : OpenAiError.Forbidden(Detail);
            return error.WriteAsync(context.Response, context.RequestAborted);
        }

        return TypedResults.Problem(statusCode: Status, detail: Detail).ExecuteAsync(context);
    }
}
