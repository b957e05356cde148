using Switchboard.Gateway.Budgets;
using Switchboard.Gateway.Limits;
using Switchboard.Gateway.Pricing;

namespace Switchboard.Gateway.Accounting;

/// <summary>What an admitted request holds until it ends: its rate-limit lease and budget reservation (either may be null) and the estimate they were made with.</summary>
internal sealed record AdmissionTicket(RateLimitLease? Lease, BudgetReservation? Reservation, CostEstimate Estimate);
