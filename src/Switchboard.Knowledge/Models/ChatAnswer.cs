namespace Switchboard.Knowledge.Models;

/// <summary>A model's whole answer with the tokens it used.</summary>
internal sealed record ChatAnswer(string Text, string? Model, int PromptTokens, int CompletionTokens);
