using Switchboard.Gateway.Budgets;

namespace Switchboard.Server.Tests.Usage;

/// <summary>The budget-store conformance suite against the in-process store.</summary>
public sealed class InProcessBudgetStoreTests : BudgetStoreConformanceTests
{
    internal override IBudgetStore Store { get; } = new InProcessBudgetStore();
}
