namespace Switchboard.Server.Knowledge.Api;

/// <summary><c>POST /api/v1/search</c>.</summary>
internal sealed record SearchBody(string? Query, IReadOnlyList<string>? Collections, IReadOnlyList<string>? Tags, IReadOnlyList<string>? DocumentIds,
    int? K, string? Mode, bool? Rerank);

/// <summary><c>POST /api/v1/chat</c>.</summary>
internal sealed record ChatBody(string? Message, string? ConversationId, IReadOnlyList<string>? Collections, string? Model, IReadOnlyList<string>? Tags,
    string? Mode, bool? Strict, bool? Stream);

/// <summary><c>POST /api/v1/documents</c> as JSON: ingest a URL.</summary>
internal sealed record UrlBody(string? Url, string? Collection, IReadOnlyList<string>? Tags);

/// <summary><c>POST /api/v1/collections</c> and <c>PATCH /api/v1/collections/{name}</c>.</summary>
internal sealed record CollectionBody(string? Name, string? Description, IReadOnlyList<string>? Groups, string? PromptTemplate, string? ChatModel, bool? Strict);
