using System.Text.Json.Serialization;
using Switchboard.Knowledge.Answers;

namespace Switchboard.Server.Knowledge.Api;

/// <summary>Source-generated JSON for the knowledge-base API (snake_case, nulls omitted).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(SearchBody))]
[JsonSerializable(typeof(ChatBody))]
[JsonSerializable(typeof(UrlBody))]
[JsonSerializable(typeof(CollectionBody))]
[JsonSerializable(typeof(DocumentView))]
[JsonSerializable(typeof(DocumentList))]
[JsonSerializable(typeof(UploadResponse))]
[JsonSerializable(typeof(CollectionView))]
[JsonSerializable(typeof(CollectionList))]
[JsonSerializable(typeof(SearchView))]
[JsonSerializable(typeof(ConversationView))]
[JsonSerializable(typeof(ChatEvent))]
[JsonSerializable(typeof(AnswerResult))]
internal sealed partial class KnowledgeApiJsonContext : JsonSerializerContext;
