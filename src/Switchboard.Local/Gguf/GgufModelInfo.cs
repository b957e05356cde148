namespace Switchboard.Local.Gguf;

/// <summary>
/// What a user or the scheduler needs to know about a GGUF model without loading it: architecture, size,
/// quantisation, shape, tokenizer, chat template and memory needs. Built from a <see cref="GgufFile"/> by
/// <see cref="Create"/>; absent metadata stays null rather than guessed. Immutable and thread-safe.
/// </summary>
internal sealed record GgufModelInfo
{
    public required string Path { get; init; }

    public required int Version { get; init; }

    /// <summary><c>general.architecture</c>, e.g. <c>llama</c>; "unknown" when the file does not say.</summary>
    public required string Architecture { get; init; }

    /// <summary><c>general.name</c>, when present.</summary>
    public string? Name { get; init; }

    /// <summary>The sum of all tensors' element counts.</summary>
    public required long ParameterCount { get; init; }

    /// <summary><c>general.file_type</c> as a name (Q4_K_M, F16…), or null when the file does not say.</summary>
    public string? FileType { get; init; }

    /// <summary>The tensor type holding the most bytes; what the file "is" when <see cref="FileType"/> is missing.</summary>
    public GgmlType? DominantTensorType { get; init; }

    /// <summary>How many tensors have each type.</summary>
    public required IReadOnlyDictionary<GgmlType, int> TensorTypeCounts { get; init; }

    /// <summary>How many data bytes each tensor type takes.</summary>
    public required IReadOnlyDictionary<GgmlType, long> TensorTypeBytes { get; init; }

    public required int TensorCount { get; init; }

    /// <summary><c>&lt;arch&gt;.context_length</c>: the context the model was trained for.</summary>
    public long? ContextLength { get; init; }

    public long? EmbeddingLength { get; init; }

    /// <summary><c>&lt;arch&gt;.block_count</c>: the number of layers.</summary>
    public long? BlockCount { get; init; }

    public long? HeadCount { get; init; }

    /// <summary>Key/value heads (grouped-query attention); equals <see cref="HeadCount"/> when the file omits it.</summary>
    public long? HeadCountKv { get; init; }

    /// <summary><c>&lt;arch&gt;.attention.key_length</c>, when the head size is not embedding ÷ heads.</summary>
    public long? KeyLength { get; init; }

    /// <summary><c>&lt;arch&gt;.attention.value_length</c>, when the head size is not embedding ÷ heads.</summary>
    public long? ValueLength { get; init; }

    /// <summary>The number of tokens (length of <c>tokenizer.ggml.tokens</c>, else <c>&lt;arch&gt;.vocab_size</c>).</summary>
    public long? VocabSize { get; init; }

    /// <summary><c>tokenizer.ggml.model</c>, e.g. <c>llama</c> (SentencePiece) or <c>gpt2</c> (BPE).</summary>
    public string? TokenizerModel { get; init; }

    public long? BosTokenId { get; init; }

    public long? EosTokenId { get; init; }

    /// <summary><c>tokenizer.chat_template</c> (Jinja), or null when the model has none.</summary>
    public string? ChatTemplate { get; init; }

    public required long FileSize { get; init; }

    /// <summary>Bytes of tensor data, from the type block sizes: what the weights take in memory.</summary>
    public required long TensorDataBytes { get; init; }

    /// <summary>Summarises <paramref name="file"/>.</summary>
    public static GgufModelInfo Create(GgufFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var metadata = file.Metadata;
        var architecture = metadata.GetString("general.architecture");
        var prefix = architecture + "."; // without an architecture, no "<arch>." key can match
        var typeCounts = new Dictionary<GgmlType, int>();
        var typeBytes = new Dictionary<GgmlType, long>();
        long parameters = 0;
        foreach (var tensor in file.Tensors)
        {
            parameters += tensor.ElementCount;
            typeCounts[tensor.Type] = typeCounts.GetValueOrDefault(tensor.Type) + 1;
            typeBytes[tensor.Type] = typeBytes.GetValueOrDefault(tensor.Type) + tensor.ByteCount;
        }

        var headCount = metadata.GetInteger(prefix + "attention.head_count");
        var fileType = metadata.GetInteger("general.file_type");
        return new GgufModelInfo
        {
            Path = file.Path,
            Version = file.Version,
            Architecture = architecture ?? "unknown",
            Name = metadata.GetString("general.name"),
            ParameterCount = parameters,
            FileType = fileType is >= 0 and <= uint.MaxValue ? GgufFileTypes.Name((uint)fileType.Value) : null,
            DominantTensorType = typeBytes.Count == 0 ? null : typeBytes.MaxBy(p => p.Value).Key,
            TensorTypeCounts = typeCounts,
            TensorTypeBytes = typeBytes,
            TensorCount = file.Tensors.Count,
            ContextLength = metadata.GetInteger(prefix + "context_length"),
            EmbeddingLength = metadata.GetInteger(prefix + "embedding_length"),
            BlockCount = metadata.GetInteger(prefix + "block_count"),
            HeadCount = headCount,
            HeadCountKv = metadata.GetInteger(prefix + "attention.head_count_kv") ?? headCount,
            KeyLength = metadata.GetInteger(prefix + "attention.key_length"),
            ValueLength = metadata.GetInteger(prefix + "attention.value_length"),
            VocabSize = metadata.GetArray("tokenizer.ggml.tokens")?.Count ?? metadata.GetInteger(prefix + "vocab_size"),
            TokenizerModel = metadata.GetString("tokenizer.ggml.model"),
            BosTokenId = metadata.GetInteger("tokenizer.ggml.bos_token_id"),
            EosTokenId = metadata.GetInteger("tokenizer.ggml.eos_token_id"),
            ChatTemplate = metadata.GetString("tokenizer.chat_template"),
            FileSize = file.FileSize,
            TensorDataBytes = file.TensorDataBytes,
        };
    }

    /// <summary>Reads the header of <paramref name="path"/> and summarises it.</summary>
    /// <exception cref="GgufFormatException">The file is not a readable GGUF file.</exception>
    public static GgufModelInfo Read(string path) => Create(GgufReader.Read(path));

    /// <summary>The quantisation as users read it: "Q4_K_M (mostly Q4_K)", or the dominant type alone.</summary>
    public string Quantization
    {
        get
        {
            var dominant = DominantTensorType is { } type ? GgmlTypeTraits.Name(type) : null;
            return (FileType, dominant) switch
            {
                (null, null) => "unknown",
                (null, _) => dominant!,
                (_, null) => FileType,
                _ when string.Equals(FileType, dominant, StringComparison.Ordinal) => FileType,
                _ => $"{FileType} (mostly {dominant})",
            };
        }
    }

    /// <summary>Estimates the memory needed to run the model with a context of <paramref name="contextLength"/> tokens.</summary>
    public GgufMemoryEstimate EstimateMemory(long contextLength) => GgufMemoryEstimate.For(this, contextLength);
}
