using System.Text.Json.Serialization;
using Switchboard.Server.ControlPlane.Admin.Audit;
using Switchboard.Server.ControlPlane.Admin.Keys;
using Switchboard.Server.ControlPlane.Admin.Limits;
using Switchboard.Server.ControlPlane.Admin.ServiceAccounts;
using Switchboard.Server.ControlPlane.Admin.Teams;
using Switchboard.Server.ControlPlane.Admin.Tenant;
using Switchboard.Server.ControlPlane.Admin.Users;

namespace Switchboard.Server.ControlPlane.Admin;

/// <summary>Source-generated JSON for the admin API (snake_case like the rest of the product API, nulls omitted, unknown body fields refused).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(UserBody))]
[JsonSerializable(typeof(UserPatchBody))]
[JsonSerializable(typeof(PasswordBody))]
[JsonSerializable(typeof(UserView))]
[JsonSerializable(typeof(UserList))]
[JsonSerializable(typeof(PasswordResetView))]
[JsonSerializable(typeof(TeamBody))]
[JsonSerializable(typeof(TeamView))]
[JsonSerializable(typeof(TeamList))]
[JsonSerializable(typeof(MemberBody))]
[JsonSerializable(typeof(MemberList))]
[JsonSerializable(typeof(KeyBody))]
[JsonSerializable(typeof(KeyList))]
[JsonSerializable(typeof(CreatedKeyView))]
[JsonSerializable(typeof(ServiceAccountBody))]
[JsonSerializable(typeof(ServiceAccountView))]
[JsonSerializable(typeof(ServiceAccountList))]
[JsonSerializable(typeof(TenantBody))]
[JsonSerializable(typeof(TenantView))]
[JsonSerializable(typeof(AuditPage))]
[JsonSerializable(typeof(LimitBody))]
[JsonSerializable(typeof(LimitView))]
[JsonSerializable(typeof(LimitList))]
[JsonSerializable(typeof(BudgetBody))]
[JsonSerializable(typeof(BudgetView))]
[JsonSerializable(typeof(BudgetList))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
