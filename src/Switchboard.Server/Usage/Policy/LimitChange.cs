namespace Switchboard.Server.Usage.Policy;

/// <summary>
/// What to change about a target's rate limits: null keeps a limit as it is, 0 removes it, a positive number sets it
/// (the CLI's <c>--rpm</c>, <c>--tpm</c>, <c>--concurrent</c> and the admin API's fields mean the same).
/// </summary>
internal sealed record LimitChange(int? RequestsPerMinute, int? TokensPerMinute, int? MaxConcurrent);
