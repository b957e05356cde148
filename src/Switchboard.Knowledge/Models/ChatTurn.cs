namespace Switchboard.Knowledge.Models;

/// <summary>One chat message sent to a model: role <c>system</c>, <c>user</c> or <c>assistant</c>.</summary>
internal sealed record ChatTurn(string Role, string Content);
