using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.Web.Auth;

namespace Switchboard.Web.Tests.Unit;

public sealed class WebPermissionsTests
{
    [Theory]
    [InlineData("Viewer", "Chat", true)]
    [InlineData("Viewer", "ReadKnowledge", true)]
    [InlineData("Viewer", "UploadDocuments", false)]
    [InlineData("Viewer", "ManageDocuments", false)]
    [InlineData("Viewer", "ManageCollections", false)]
    [InlineData("Member", "UploadDocuments", true)]
    [InlineData("Member", "ManageDocuments", true)]
    [InlineData("Member", "ManageKeys", true)]
    [InlineData("Viewer", "ManageKeys", false)]
    [InlineData("Member", "ManageUsers", false)]
    [InlineData("Member", "ViewSystem", false)]
    [InlineData("Admin", "ManageKeys", true)]
    [InlineData("Owner", "ManageUsers", true)]
    [InlineData("Member", "ManageTeams", false)]
    [InlineData("Member", "ViewAudit", false)]
    [InlineData("Member", "ViewBudgets", false)]
    [InlineData("Viewer", "ManageBudgets", false)]
    [InlineData("Admin", "ManageTeams", true)]
    [InlineData("Admin", "ViewAudit", true)]
    [InlineData("Admin", "ViewBudgets", true)]
    [InlineData("Admin", "ManageBudgets", true)]
    [InlineData("Owner", "ManageBudgets", true)]
    [InlineData("Viewer", "ViewUsage", true)]
    [InlineData("Member", "ManageProviders", false)]
    [InlineData("Admin", "ManageProviders", true)]
    // The API's policy table (RolePolicy): members keep their own keys, viewers have none.
    public void Allows_FollowsTheRoleMatrix(string role, string permission, bool allowed) =>
        Assert.Equal(allowed, WebPermissions.Allows(Enum.Parse<UserRole>(role), Enum.Parse<WebPermission>(permission)));

    [Fact]
    public void MayGrant_OnlyOwnersCreateOwners()
    {
        Assert.True(WebPermissions.MayGrant(UserRole.Owner, UserRole.Owner));
        Assert.False(WebPermissions.MayGrant(UserRole.Admin, UserRole.Owner));
        Assert.True(WebPermissions.MayGrant(UserRole.Admin, UserRole.Admin));
    }

    [Fact]
    public void Can_WithThePrincipal_HidesServerWidePagesFromAdminsOfOtherTenants()
    {
        var admin = new WebUser(Guid.NewGuid(), Guid.NewGuid(), UserRole.Admin, "Gina", "gina@globex.test");
        var principal = new ApiPrincipal
        {
            Kind = PrincipalKind.User,
            TenantId = admin.TenantId,
            UserId = admin.UserId,
            Role = UserRole.Admin,
            Name = admin.Name,
            Gateway = new Switchboard.Gateway.Auth.GatewayCaller("user:" + admin.Principal, admin.Name, null),
        };

        // By role alone an admin holds providers.manage; the operator rule needs the principal.
        Assert.True(admin.Can(WebPermission.ManageProviders));
        Assert.False((admin with { Identity = principal }).Can(WebPermission.ManageProviders));
        Assert.False((admin with { Identity = principal }).Can(WebPermission.ViewSystem));
        Assert.True((admin with { Identity = principal }).Can(WebPermission.ManageUsers));
        Assert.True((admin with { Identity = principal with { IsOperator = true } }).Can(WebPermission.ManageProviders));
    }
}
