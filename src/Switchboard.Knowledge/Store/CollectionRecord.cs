namespace Switchboard.Knowledge.Store;

/// <summary>
/// A collection of documents in one tenant. Access: its owner, members of any of its <paramref name="Groups"/>
/// (<c>everyone</c> = the whole tenant) and tenant admins. Optional per-collection answer settings override the
/// configured defaults.
/// </summary>
internal sealed record CollectionRecord(
    string Id,
    string Tenant,
    string Name,
    string Owner,
    IReadOnlyList<string> Groups,
    string? Description,
    string? PromptTemplate,
    string? ChatModel,
    bool? Strict,
    DateTimeOffset CreatedAt);
