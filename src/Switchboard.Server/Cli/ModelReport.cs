using System.Globalization;
using Switchboard.Local.Catalog;
using Switchboard.Local.Gguf;

namespace Switchboard.Server.Cli;

/// <summary>The text that <c>switchboard model inspect</c> and <c>model list</c> print. Stateless.</summary>
internal static class ModelReport
{
    private const int TemplatePreview = 60;

    public static void WriteInspect(TextWriter output, GgufModelInfo info, GgufMemoryEstimate memory)
    {
        Row(output, "File", $"{info.Path} (GGUF v{info.Version})");
        Row(output, "Architecture", info.Architecture);
        Row(output, "Name", info.Name ?? "-");
        Row(output, "Parameters", $"{GgufUnits.Parameters(info.ParameterCount)} ({Number(info.ParameterCount)})");
        Row(output, "Quantisation", $"{info.Quantization} (file type {info.FileType ?? "not set"}, " +
                                    $"dominant tensor type {(info.DominantTensorType is { } t ? GgmlTypeTraits.Name(t) : "-")})");
        Row(output, "Context", info.ContextLength is { } context ? $"{Number(context)} tokens" : "-");
        Row(output, "Embedding", Number(info.EmbeddingLength));
        Row(output, "Layers", Number(info.BlockCount));
        Row(output, "Heads", info.HeadCount is null ? "-" : $"{Number(info.HeadCount)} (KV {Number(info.HeadCountKv)})");
        Row(output, "Vocabulary", $"{Number(info.VocabSize)} tokens, tokenizer {info.TokenizerModel ?? "-"}, " +
                                  $"BOS {Number(info.BosTokenId)}, EOS {Number(info.EosTokenId)}");
        Row(output, "Chat template", Template(info.ChatTemplate));
        Row(output, "File size", $"{GgufUnits.Bytes(info.FileSize)} ({Number(info.FileSize)} bytes)");
        Row(output, "Weights", $"{GgufUnits.Bytes(info.TensorDataBytes)} in {Number(info.TensorCount)} tensors");
        Row(output, $"Memory @ {Number(memory.ContextLength)}",
            $"{GgufUnits.Bytes(memory.TotalBytes)} = weights {GgufUnits.Bytes(memory.WeightsBytes)} + KV cache (f16) " +
            $"{GgufUnits.Bytes(memory.KvCacheBytes)} + compute {GgufUnits.Bytes(memory.ComputeBytes)}");
        output.WriteLine("Tensor types:");
        foreach (var (type, count) in info.TensorTypeCounts.OrderByDescending(p => info.TensorTypeBytes[p.Key]))
        {
            output.WriteLine($"  {GgmlTypeTraits.Name(type),-8} {count,6} tensors  {GgufUnits.Bytes(info.TensorTypeBytes[type]),10}");
        }
    }

    public static void WriteList(TextWriter output, IReadOnlyList<CatalogEntry> entries)
    {
        var aliasWidth = Math.Max(24, entries.Count == 0 ? 0 : entries.Max(e => e.Alias.Length));
        output.WriteLine($"{"ALIAS".PadRight(aliasWidth)}  {"ARCH",-10} {"PARAMS",7} {"QUANT",-22} {"CONTEXT",8} {"SIZE",10}");
        foreach (var entry in entries)
        {
            var alias = entry.Alias.PadRight(aliasWidth);
            if (entry.Info is not { } info)
            {
                output.WriteLine($"{alias}  error: {entry.Error}");
                continue;
            }

            output.WriteLine($"{alias}  {info.Architecture,-10} {GgufUnits.Parameters(info.ParameterCount),7} {info.Quantization,-22} " +
                             $"{Number(info.ContextLength),8} {GgufUnits.Bytes(info.FileSize),10}");
        }
    }

    private static void Row(TextWriter output, string label, string value) => output.WriteLine($"{label + ":",-18} {value}");

    private static string Number(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";

    private static string Template(string? template)
    {
        if (template is null)
        {
            return "none";
        }

        var firstLine = template.Split('\n', 2)[0].TrimEnd('\r');
        var preview = firstLine.Length > TemplatePreview ? string.Concat(firstLine.AsSpan(0, TemplatePreview), "…") : firstLine;
        return $"present ({Number(template.Length)} chars): {preview}";
    }
}
