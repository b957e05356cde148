namespace Switchboard.Knowledge.Retrieval;

/// <summary>What searches need to know about a document without a database round trip. Immutable: replaced whole on change.</summary>
internal sealed record IndexedDocument(string Id, string CollectionId, string Name, string? Title, int? ReadyVersion, IReadOnlySet<string> Tags);
