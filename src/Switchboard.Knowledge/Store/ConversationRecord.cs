namespace Switchboard.Knowledge.Store;

/// <summary>A knowledge-base conversation, owned by the principal that started it.</summary>
internal sealed record ConversationRecord(string Id, string Tenant, string Owner, string Title, IReadOnlyList<string> Collections,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
