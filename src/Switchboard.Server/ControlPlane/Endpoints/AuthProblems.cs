using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.Tokens;

namespace Switchboard.Server.ControlPlane.Endpoints;

/// <summary>The auth endpoints' errors, as ProblemDetails with a <c>detail</c> that says what to do.</summary>
internal static class AuthProblems
{
    public const string InvalidCredentials = "Invalid email or password.";

    public static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);

    /// <summary>Replaces the JWT handler's empty 401 with a ProblemDetails body.</summary>
    public static Task WriteChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var detail = context.AuthenticateFailure switch
        {
            SecurityTokenExpiredException => "The access token has expired; get a new one from /api/v1/auth/refresh.",
            not null => "The access token is not valid.",
            null => "Send an access token as 'Authorization: Bearer <token>'; get one from /api/v1/auth/login.",
        };
        context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        return Problem(StatusCodes.Status401Unauthorized, detail).ExecuteAsync(context.HttpContext);
    }
}
