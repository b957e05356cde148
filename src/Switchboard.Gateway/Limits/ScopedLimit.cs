using Switchboard.Gateway.Accounting;

namespace Switchboard.Gateway.Limits;

/// <summary>The limits that apply to one scope of a request (its key, its team or its tenant).</summary>
internal readonly record struct ScopedLimit(UsageScope Scope, string Id, LimitSet Limits);
