namespace Switchboard.Gateway.Accounting;

/// <summary>Who a limit or a budget applies to: one API key, a team, or a whole tenant.</summary>
internal enum UsageScope
{
    Key,
    Team,
    Tenant,
}
