namespace Switchboard.Server.Web.Admin;

/// <summary>
/// What "Verify chain" found (the check of <c>switchboard audit verify</c>): intact, or the first broken entry and why.
/// The chain is the whole server's, so how many entries it holds and its head hash are shown to operators only.
/// </summary>
internal sealed record ChainCheck(bool Intact, long? BrokenAt, string? Reason, long? Entries, string? HeadHash);
