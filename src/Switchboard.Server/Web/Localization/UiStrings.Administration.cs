using System.Globalization;

namespace Switchboard.Server.Web.Localization;

/// <summary>
/// The texts of the users (role, status, password, deletion), teams, audit log and budgets and limits pages, and the
/// ones of them that take values. Kept in a file of their own so the pages' texts are found together.
/// </summary>
internal sealed partial record UiStrings
{
    public required string NavTeams { get; init; }
    public required string NavAudit { get; init; }
    public required string NavBudgets { get; init; }

    // Users.
    public required string UserActions { get; init; }
    public required string ChangeRole { get; init; }
    public required string ChangeRoleFormat { get; init; }
    public required string Disable { get; init; }
    public required string Enable { get; init; }
    public required string ResetPassword { get; init; }
    public required string ResetPasswordFormat { get; init; }
    public required string NewPassword { get; init; }
    public required string PasswordShownOnce { get; init; }
    public required string DeleteUser { get; init; }
    public required string DeleteUserFormat { get; init; }

    // Teams.
    public required string NewTeam { get; init; }
    public required string TeamName { get; init; }
    public required string NoTeams { get; init; }
    public required string MemberCount { get; init; }
    public required string TeamActions { get; init; }
    public required string ShowMembers { get; init; }
    public required string DeleteTeam { get; init; }
    public required string DeleteTeamFormat { get; init; }
    public required string TeamMembersFormat { get; init; }
    public required string NoMembers { get; init; }
    public required string ChooseUser { get; init; }
    public required string AddMember { get; init; }
    public required string RemoveMember { get; init; }

    // Audit log.
    public required string When { get; init; }
    public required string Actor { get; init; }
    public required string AuditAction { get; init; }
    public required string Target { get; init; }
    public required string Details { get; init; }
    public required string AnyActor { get; init; }
    public required string ActionFilterHint { get; init; }
    public required string TargetFilterHint { get; init; }
    public required string FromDate { get; init; }
    public required string ToDate { get; init; }
    public required string ApplyFilters { get; init; }
    public required string ClearFilters { get; init; }
    public required string LoadMore { get; init; }
    public required string NoEntries { get; init; }
    public required string VerifyChain { get; init; }
    public required string ChainIntact { get; init; }
    public required string ChainIntactFormat { get; init; }
    public required string ChainBrokenFormat { get; init; }

    // Budgets and limits.
    public required string RateLimits { get; init; }
    public required string Budgets { get; init; }
    public required string SetLimits { get; init; }
    public required string SetBudget { get; init; }
    public required string AppliesTo { get; init; }
    public required IReadOnlyDictionary<string, string> Scopes { get; init; }
    public required string RequestsPerMinute { get; init; }
    public required string TokensPerMinute { get; init; }
    public required string ConcurrentRequests { get; init; }
    public required string NoLimitHint { get; init; }
    public required string NoLimits { get; init; }
    public required string NoBudgets { get; init; }
    public required string Period { get; init; }
    public required IReadOnlyDictionary<string, string> Periods { get; init; }
    public required string BudgetLimit { get; init; }
    public required string SoftLimit { get; init; }
    public required string SoftLimitHint { get; init; }
    public required string Spent { get; init; }
    public required string Resets { get; init; }
    public required string CurrencyNoteFormat { get; init; }
    public required string Edit { get; init; }
    public required string Remove { get; init; }
    public required string RemoveLimitsFormat { get; init; }
    public required string RemoveBudgetFormat { get; init; }

    public string ChangeRoleTitle(string email) => Format(ChangeRoleFormat, email);

    public string ResetPasswordQuestion(string email) => Format(ResetPasswordFormat, email);

    public string DeleteUserQuestion(string email) => Format(DeleteUserFormat, email);

    public string DeleteTeamQuestion(string name) => Format(DeleteTeamFormat, name);

    public string TeamMembersTitle(string name) => Format(TeamMembersFormat, name);

    public string ChainIntactSummary(long entries, string? headHash) => Format(ChainIntactFormat, entries, headHash ?? "—");

    public string ChainBroken(long sequence, string reason) => Format(ChainBrokenFormat, sequence, reason);

    /// <summary><c>tenant</c>, <c>team</c> or <c>key</c> as the page calls it.</summary>
    public string ScopeName(string scope) => Scopes.TryGetValue(scope, out var text) ? text : scope;

    /// <summary><c>day</c> or <c>month</c> as the page calls it.</summary>
    public string PeriodName(string period) => Periods.TryGetValue(period, out var text) ? text : period;

    public string CurrencyNote(string currency) => Format(CurrencyNoteFormat, currency);

    public string RemoveLimitsQuestion(string name) => Format(RemoveLimitsFormat, name);

    public string RemoveBudgetQuestion(string name, string period) => Format(RemoveBudgetFormat, name, PeriodName(period));

    /// <summary>A moment as its UTC date and time to the second: what an audit log and a budget's reset need, where "5 min ago" is too vague.</summary>
    public static string UtcTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>An amount of money with two decimals (more when it has them, up to six).</summary>
    public static string Amount(decimal amount) => amount.ToString("0.00####", CultureInfo.InvariantCulture);
}
