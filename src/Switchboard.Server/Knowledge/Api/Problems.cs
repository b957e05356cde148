using Microsoft.AspNetCore.Http.HttpResults;

namespace Switchboard.Server.Knowledge.Api;

/// <summary>ProblemDetails responses of the product API; the detail always names the problem.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) => Status(400, detail);

    public static ProblemHttpResult NotFound(string detail) => Status(404, detail);

    public static ProblemHttpResult Status(int status, string detail) => TypedResults.Problem(statusCode: status, detail: detail);
}
