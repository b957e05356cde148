using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Protocol;

namespace Switchboard.Gateway.Accounting;

/// <summary>One priced model call made for a request: the deployment's price (null: free or unknown) and the tokens it used.</summary>
internal sealed record UsageCharge(PriceConfig? Price, UsageReport Usage);
