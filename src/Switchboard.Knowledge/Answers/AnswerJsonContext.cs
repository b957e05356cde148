using System.Text.Json.Serialization;

namespace Switchboard.Knowledge.Answers;

/// <summary>Source-generated JSON for answers and their citations (API bodies and stored conversation turns).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<Citation>))]
[JsonSerializable(typeof(AnswerResult))]
internal sealed partial class AnswerJsonContext : JsonSerializerContext;
