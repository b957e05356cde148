using System.Globalization;

namespace Switchboard.Server.Web.Localization;

/// <summary>The texts that take values: names of states and roles, questions, counts, sizes and times.</summary>
internal sealed partial record UiStrings
{
    public string Status(string status) => Statuses.TryGetValue(status, out var text) ? text : status;

    public string AnswerMode(string mode) => AnswerModes.TryGetValue(mode, out var text) ? text : mode;

    public string HealthName(string health) => HealthStates.TryGetValue(health, out var text) ? text : health;

    public string KeyStatus(string status) => KeyStatuses.TryGetValue(status, out var text) ? text : status;

    public string RoleName(string? role) => role is not null && Roles.TryGetValue(role.ToLowerInvariant(), out var text) ? text : role ?? "";

    public string DeleteConversationQuestion(string title) => Format(DeleteConversationFormat, title);

    public string DeleteCollectionQuestion(string name, int documents) => Format(DeleteCollectionFormat, name, documents);

    public string DeleteDocumentQuestion(string name) => Format(DeleteDocumentFormat, name);

    public string RevokeQuestion(string name) => Format(RevokeFormat, name);

    public string UserCreated(string email) => Format(UserCreatedFormat, email);

    public string UsageRange(string range) => UsageRanges.TryGetValue(range, out var text) ? text : range;

    public string UsageGrouping(string? groupBy) => UsageGroupings.TryGetValue(groupBy ?? "", out var text) ? text : groupBy ?? "";

    public string UsageSource(string? source) => UsageSources.TryGetValue(source ?? "", out var text) ? text : source ?? "";

    public string Cost(string currency) => Format(CostFormat, currency);

    public string SessionOf(string name) => Format(SessionOfFormat, name);

    public string UpdatedAt(DateTimeOffset at) => Format(UpdatedFormat, at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture));

    public string DeleteProviderQuestion(string name) => Format(DeleteProviderFormat, name);

    public string DeleteAliasQuestion(string alias) => Format(DeleteAliasFormat, alias);

    public string RemoveDeploymentQuestion(string deployment, string alias) => Format(RemoveDeploymentFormat, deployment, alias);

    public string ConfigApplied(string name) => Format(ConfigAppliedFormat, name);

    public string Days(int days) => Format(DaysFormat, days);

    public string SearchSummary(int results, string mode, long milliseconds) => Format(SearchSummaryFormat, results, mode, milliseconds);

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    public string Duration(TimeSpan duration) => Format(DurationFormat, (int)duration.TotalHours, duration.Minutes);

    /// <summary>A moment as "just now", "N min ago", "N h ago", or its UTC date.</summary>
    public string Time(DateTimeOffset at)
    {
        var ago = TimeProvider.System.GetUtcNow() - at;
        return ago.TotalMinutes < 1 ? JustNow
            : ago.TotalHours < 1 ? Format(MinutesAgoFormat, (int)ago.TotalMinutes)
            : ago.TotalDays < 1 ? Format(HoursAgoFormat, (int)ago.TotalHours)
            : at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static string Format(string format, params object[] values) => string.Format(CultureInfo.InvariantCulture, format, values);
}
