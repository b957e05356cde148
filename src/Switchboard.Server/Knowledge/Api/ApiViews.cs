using Switchboard.Knowledge.Answers;
using Switchboard.Knowledge.Retrieval;
using Switchboard.Knowledge.Store;

namespace Switchboard.Server.Knowledge.Api;

/// <summary>A document as the API shows it.</summary>
internal sealed record DocumentView(string Id, string Collection, string Name, string? Title, string Status, string? Error, long Size, string? ContentType,
    IReadOnlyList<string> Tags, int? Pages, int Chunks, int Version, int? ReadyVersion, string? SourceUrl, string Url, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, string? Outcome = null)
{
    public static DocumentView Of(DocumentRecord d, string collection, string? outcome = null) => new(d.Id, collection, d.Name, d.Title, d.Status, d.Error,
        d.Size, d.ContentType, d.Tags, d.Pages, d.Chunks, d.Version, d.ReadyVersion, d.SourceUrl, $"/api/v1/documents/{d.Id}/file", d.CreatedAt, d.UpdatedAt,
        outcome);
}

internal sealed record DocumentList(IReadOnlyList<DocumentView> Documents, int Total, int Offset, int Limit);

internal sealed record UploadResponse(IReadOnlyList<DocumentView> Documents);

internal sealed record CollectionView(string Name, string Owner, IReadOnlyList<string> Groups, string? Description, string? PromptTemplate, string? ChatModel,
    bool? Strict, DateTimeOffset CreatedAt)
{
    public static CollectionView Of(CollectionRecord c) => new(c.Name, c.Owner, c.Groups, c.Description, c.PromptTemplate, c.ChatModel, c.Strict, c.CreatedAt);
}

internal sealed record CollectionList(IReadOnlyList<CollectionView> Collections);

internal sealed record SearchHitView(long ChunkId, string DocumentId, string DocumentName, string? Title, string Collection, string Section, int? PageStart,
    int? PageEnd, double Score, double? LexicalScore, double? Similarity, string Text, string Highlight, string Url)
{
    public static SearchHitView Of(SearchResult r) => new(r.ChunkId, r.DocumentId, r.DocumentName, r.Title, r.Collection, r.Section, r.PageStart, r.PageEnd,
        r.Score, r.LexicalScore, r.Similarity, r.Text, r.Highlight, $"/api/v1/documents/{r.DocumentId}/file" + (r.PageStart is { } p ? $"#page={p}" : ""));
}

internal sealed record SearchView(string Mode, bool Reranked, IReadOnlyList<SearchHitView> Results);

internal sealed record ConversationView(string Id, string Title, IReadOnlyList<string> Collections, IReadOnlyList<MessageView> Messages);

internal sealed record MessageView(string Role, string Content, string? Mode, IReadOnlyList<Citation>? Citations, DateTimeOffset CreatedAt);

/// <summary>One event of a streamed <c>/api/v1/chat</c> answer: <c>sources</c>, then <c>delta</c>s, then <c>done</c> (or <c>error</c>).</summary>
internal sealed record ChatEvent(string Type, string? Text = null, IReadOnlyList<Citation>? Citations = null, string? ConversationId = null,
    string? Mode = null, string? Error = null);
