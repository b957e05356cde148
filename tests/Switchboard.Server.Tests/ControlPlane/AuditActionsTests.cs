using System.Reflection;
using Switchboard.Server.ControlPlane.Audit;

namespace Switchboard.Server.Tests.ControlPlane;

public sealed class AuditActionsTests
{
    [Fact]
    public void All_ListsEveryAction_Once()
    {
        var declared = typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal);

        Assert.Equal(declared, AuditActions.All.Order(StringComparer.Ordinal));
    }
}
