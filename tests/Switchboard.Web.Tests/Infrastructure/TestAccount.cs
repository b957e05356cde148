namespace Switchboard.Web.Tests.Infrastructure;

/// <summary>A user the test server creates at start: e-mail, password, role name.</summary>
public sealed record TestAccount(string Email, string Password, string Role);
