namespace Switchboard.Server.Web.Localization;

/// <summary>
/// Every text of the web application in one language: a typed table, so a text missing from a translation is a compile
/// error (every member is required). <see cref="English"/> and <see cref="Russian"/> are the two tables. Immutable.
/// </summary>
internal sealed partial record UiStrings
{
    /// <summary>The table for <paramref name="language"/> (<c>ru</c> or <c>en</c>); English for anything else.</summary>
    public static UiStrings For(string? language) => language == UiLanguages.Russian ? Russian : English;

    public required string Code { get; init; }

    public required string OtherLanguageCode { get; init; }

    // Shell and navigation.
    public required string Menu { get; init; }
    public required string Account { get; init; }
    public required string Logout { get; init; }
    public required string SwitchLanguage { get; init; }
    public required string ToggleTheme { get; init; }
    public required string NavChat { get; init; }
    public required string NavKnowledge { get; init; }
    public required string NavAdmin { get; init; }
    public required string NavSystem { get; init; }
    public required string NavUsers { get; init; }
    public required string NavKeys { get; init; }
    public required string UnexpectedError { get; init; }
    public required string NotAllowed { get; init; }
    public required string Forbidden { get; init; }

    // Login.
    public required string LoginTitle { get; init; }
    public required string LoginSubtitle { get; init; }
    public required string Organisation { get; init; }
    public required string Email { get; init; }
    public required string Password { get; init; }
    public required string LogIn { get; init; }
    public required string Or { get; init; }
    public required string SignInWithSso { get; init; }
    public required string SessionExpired { get; init; }
    public required string SignedOut { get; init; }
    public required string InvalidCredentials { get; init; }
    public required string OrganisationRequired { get; init; }
    public required string EnterEmailAndPassword { get; init; }

    // Chat.
    public required string Conversations { get; init; }
    public required string ConversationActions { get; init; }
    public required string NewChat { get; init; }
    public required string SearchConversations { get; init; }
    public required string NoConversations { get; init; }
    public required string NothingFound { get; init; }
    public required string Rename { get; init; }
    public required string Delete { get; init; }
    public required string DeleteConversation { get; init; }
    public required string DeleteConversationFormat { get; init; }
    public required string Title { get; init; }
    public required string Save { get; init; }
    public required string Cancel { get; init; }
    public required string EmptyChatTitle { get; init; }
    public required string EmptyChatHint { get; init; }
    public required string Model { get; init; }
    public required string KnowledgeBase { get; init; }
    public required string Collections { get; init; }
    public required string AllCollections { get; init; }
    public required string MyFiles { get; init; }
    public required string AttachFile { get; init; }
    public required string Message { get; init; }
    public required string MessagePlaceholder { get; init; }
    public required string Send { get; init; }
    public required string Stop { get; init; }
    public required string Stopped { get; init; }
    public required string EditMessage { get; init; }
    public required string SaveAndSend { get; init; }
    public required string Copy { get; init; }
    public required string GoodAnswer { get; init; }
    public required string BadAnswer { get; init; }
    public required string Regenerate { get; init; }
    public required string Sources { get; init; }
    public required string Page { get; init; }
    public required IReadOnlyDictionary<string, string> AnswerModes { get; init; }

    // Knowledge base.
    public required string NewCollection { get; init; }
    public required string CollectionName { get; init; }
    public required string CollectionNameHelp { get; init; }
    public required string Description { get; init; }
    public required string SharedWithEveryone { get; init; }
    public required string PrivateCollection { get; init; }
    public required string Create { get; init; }
    public required string DeleteCollection { get; init; }
    public required string DeleteCollectionFormat { get; init; }
    public required string Upload { get; init; }
    public required string UploadInto { get; init; }
    public required string DropFiles { get; init; }
    public required string ChooseCollectionFirst { get; init; }
    public required string SupportedFormats { get; init; }
    public required string Uploading { get; init; }
    public required string Processing { get; init; }
    public required string UploadFailed { get; init; }
    public required string FileTooLarge { get; init; }
    public required string Documents { get; init; }
    public required string NoDocuments { get; init; }
    public required string FilterByName { get; init; }
    public required string StatusFilter { get; init; }
    public required string AnyStatus { get; init; }
    public required string Name { get; init; }
    public required string Collection { get; init; }
    public required string StatusLabel { get; init; }
    public required string Pages { get; init; }
    public required string Chunks { get; init; }
    public required string Updated { get; init; }
    public required string Actions { get; init; }
    public required string Reindex { get; init; }
    public required string DeleteDocument { get; init; }
    public required string DeleteDocumentFormat { get; init; }
    public required string Previous { get; init; }
    public required string Next { get; init; }
    public required IReadOnlyDictionary<string, string> Statuses { get; init; }
    public required string SearchTest { get; init; }
    public required string Query { get; init; }
    public required string SearchMode { get; init; }
    public required string ModeAuto { get; init; }
    public required string ModeLexical { get; init; }
    public required string ModeVector { get; init; }
    public required string ModeHybrid { get; init; }
    public required string Search { get; init; }
    public required string Score { get; init; }
    public required string SearchSummaryFormat { get; init; }

    // Admin.
    public required string QueueWaiting { get; init; }
    public required string QueueRunning { get; init; }
    public required string LoadedModels { get; init; }
    public required string NoLoadedModels { get; init; }
    public required string Uptime { get; init; }
    public required string Memory { get; init; }
    public required string Deployments { get; init; }
    public required string Alias { get; init; }
    public required string Deployment { get; init; }
    public required string Health { get; init; }
    public required string InFlight { get; init; }
    public required string Queued { get; init; }
    public required string Latency { get; init; }
    public required string TimeToFirstToken { get; init; }
    public required string Local { get; init; }
    public required string Provider { get; init; }
    public required string Size { get; init; }
    public required string Slots { get; init; }
    public required string LastUsed { get; init; }
    public required IReadOnlyDictionary<string, string> HealthStates { get; init; }
    public required string NewUser { get; init; }
    public required string DisplayName { get; init; }
    public required string Role { get; init; }
    public required IReadOnlyDictionary<string, string> Roles { get; init; }
    public required string LastLogin { get; init; }
    public required string Active { get; init; }
    public required string Disabled { get; init; }
    public required string Locked { get; init; }
    public required string PasswordHelp { get; init; }
    public required string Generate { get; init; }
    public required string UserCreatedFormat { get; init; }
    public required string NewKey { get; init; }
    public required string NoKeys { get; init; }
    public required string KeyPrefix { get; init; }
    public required string Models { get; init; }
    public required string AllModels { get; init; }
    public required string Created { get; init; }
    public required string Expires { get; init; }
    public required string Never { get; init; }
    public required string DaysFormat { get; init; }
    public required string Revoke { get; init; }
    public required string RevokeFormat { get; init; }
    public required string KeyCreated { get; init; }
    public required string KeyShownOnce { get; init; }
    public required string Done { get; init; }
    public required IReadOnlyDictionary<string, string> KeyStatuses { get; init; }

    // Analytics.
    public required string NavAnalytics { get; init; }
    public required IReadOnlyDictionary<string, string> UsageRanges { get; init; }
    public required string GroupBy { get; init; }
    public required IReadOnlyDictionary<string, string> UsageGroupings { get; init; }
    public required string Team { get; init; }
    public required string AllTeams { get; init; }
    public required string Source { get; init; }
    public required IReadOnlyDictionary<string, string> UsageSources { get; init; }
    public required string Refresh { get; init; }
    public required string DownloadCsv { get; init; }
    public required string Requests { get; init; }
    public required string Errors { get; init; }
    public required string ErrorRate { get; init; }
    public required string TokensIn { get; init; }
    public required string TokensOut { get; init; }
    public required string CostFormat { get; init; }
    public required string LatencyP50 { get; init; }
    public required string LatencyP95 { get; init; }
    public required string ActiveUsers { get; init; }
    public required string AllRequests { get; init; }
    public required string OtherGroups { get; init; }
    public required string NoGroup { get; init; }
    public required string SessionOfFormat { get; init; }
    public required string Breakdown { get; init; }
    public required string NoUsage { get; init; }
    public required string NoChartData { get; init; }
    public required string OwnUsageOnly { get; init; }
    public required string UpdatedFormat { get; init; }

    // Providers and aliases.
    public required string NavProviders { get; init; }
    public required string Providers { get; init; }
    public required string Aliases { get; init; }
    public required string ProviderType { get; init; }
    public required string BaseUrl { get; init; }
    public required string BaseUrlHelp { get; init; }
    public required string ApiKey { get; init; }
    public required string ApiKeyHelp { get; init; }
    public required string LocalProviderHelp { get; init; }
    public required string None { get; init; }
    public required string NewProvider { get; init; }
    public required string EditProvider { get; init; }
    public required string NewAlias { get; init; }
    public required string EditAlias { get; init; }
    public required string Policy { get; init; }
    public required string Router { get; init; }
    public required string FromModelsDirectory { get; init; }
    public required string NoDeployments { get; init; }
    public required string AddDeployment { get; init; }
    public required string ModelHelp { get; init; }
    public required string DeleteProviderFormat { get; init; }
    public required string DeleteAliasFormat { get; init; }
    public required string RemoveDeploymentFormat { get; init; }
    public required string ConfigRefused { get; init; }
    public required string ConfigAppliedFormat { get; init; }
    public required string LastRejectedChange { get; init; }

    // Units and relative times.
    public required string JustNow { get; init; }
    public required string MinutesAgoFormat { get; init; }
    public required string HoursAgoFormat { get; init; }
    public required string DurationFormat { get; init; }
}
