using System.Globalization;
using System.Text;
using System.Text.Json;
using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Readers.PlainText;

/// <summary>
/// JSON and JSON Lines as <c>path: value</c> lines (<see cref="JsonFlattener"/>). Records stay together: every
/// element of a top-level array, every object or array member of a top-level object and every JSON Lines record is a
/// block of its own; the top-level scalars share one. A top-level <c>"title"</c> string becomes the title.
/// Stateless and thread-safe.
/// </summary>
internal sealed class JsonReader : IDocumentReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 128,
    };

    public IReadOnlyCollection<string> Extensions { get; } = [".json", ".jsonl", ".ndjson"];

    public ParsedDocument Read(Stream content, string fileName, ReaderLimits limits, CancellationToken cancellationToken)
    {
        var text = TextDecoder.Decode(StreamBytes.ReadAll(content, limits.MaxDecompressedBytes, cancellationToken)).Text;
        var builder = new DocumentBuilder(limits);
        var lines = fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) is false;
        try
        {
            if (lines)
            {
                ReadLines(builder, text, cancellationToken);
            }
            else
            {
                using var document = JsonDocument.Parse(text, Options);
                ReadValue(builder, document.RootElement, cancellationToken);
            }
        }
        catch (JsonException ex)
        {
            throw new DocumentReadException("The JSON is not valid: " + ex.Message, ex);
        }

        return builder.Build(fileName);
    }

    private static void ReadLines(DocumentBuilder builder, string text, CancellationToken cancellationToken)
    {
        var number = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            number++;
            if (line.IsWhiteSpace() || builder.IsFull)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            using var record = JsonDocument.Parse(line.ToString(), Options);
            var block = new StringBuilder();
            JsonFlattener.Append(block, "[" + number.ToString(CultureInfo.InvariantCulture) + "]", record.RootElement);
            builder.Add(BlockKind.Paragraph, block.ToString());
        }
    }

    private static void ReadValue(DocumentBuilder builder, JsonElement root, CancellationToken cancellationToken)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in root.EnumerateArray())
            {
                AddBlock(builder, "[" + index++.ToString(CultureInfo.InvariantCulture) + "]", item, cancellationToken);
            }

            return;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            AddBlock(builder, "", root, cancellationToken);
            return;
        }

        if (root.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String)
        {
            builder.Title = title.GetString();
        }

        var scalars = new StringBuilder();
        foreach (var property in root.EnumerateObject())
        {
            if (JsonFlattener.IsScalar(property.Value))
            {
                JsonFlattener.Append(scalars, property.Name, property.Value);
                continue;
            }

            // Scalars keep their place between the records around them.
            FlushScalars(builder, scalars);
            if (property.Value.ValueKind == JsonValueKind.Array && property.Value.EnumerateArray().Any(e => !JsonFlattener.IsScalar(e)))
            {
                var index = 0;
                foreach (var item in property.Value.EnumerateArray())
                {
                    AddBlock(builder, property.Name + "[" + index++.ToString(CultureInfo.InvariantCulture) + "]", item, cancellationToken);
                }
            }
            else
            {
                AddBlock(builder, property.Name, property.Value, cancellationToken);
            }
        }

        FlushScalars(builder, scalars);
    }

    private static void FlushScalars(DocumentBuilder builder, StringBuilder scalars)
    {
        if (scalars.Length > 0)
        {
            builder.Add(BlockKind.Paragraph, scalars.ToString());
            scalars.Clear();
        }
    }

    private static void AddBlock(DocumentBuilder builder, string path, JsonElement value, CancellationToken cancellationToken)
    {
        if (builder.IsFull)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var block = new StringBuilder();
        JsonFlattener.Append(block, path, value);
        builder.Add(BlockKind.Paragraph, block.ToString());
    }
}
