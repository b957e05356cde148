namespace Switchboard.Knowledge.Store;

/// <summary>One turn of a conversation; <paramref name="Citations"/> is the sources JSON shown with an answer.</summary>
internal sealed record MessageRecord(long Id, string Role, string Content, string? Citations, string? Mode, DateTimeOffset CreatedAt);
