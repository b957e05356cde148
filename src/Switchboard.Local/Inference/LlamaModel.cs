using System.Text;
using Switchboard.Local.Native;

namespace Switchboard.Local.Inference;

/// <summary>
/// A GGUF model loaded by llama.cpp (weights memory-mapped), with its vocabulary: tokenising and
/// turning tokens back into text. Shared by every context (sequence slot) made from it; tokenising is
/// thread-safe in llama.cpp. Disposing frees the weights — only after every context is gone.
/// </summary>
internal sealed unsafe class LlamaModel : IDisposable
{
    private readonly LlamaApi _api;
    private nint _model;

    private LlamaModel(LlamaApi api, nint model, string path)
    {
        _api = api;
        _model = model;
        Path = path;
        Vocab = api.ModelGetVocab(model);
        VocabularySize = api.VocabTokenCount(Vocab);
        Bos = api.VocabBos(Vocab);
        Eos = api.VocabEos(Vocab);
        AddsBos = api.VocabAddsBos(Vocab) != 0;
        TrainedContextLength = api.ModelContextTrain(model);
        EmbeddingLength = api.ModelEmbeddingLength(model);
        ParameterCount = api.ModelParameterCount(model);
        SizeBytes = api.ModelSize(model);
    }

    public string Path { get; }

    internal LlamaApi Api => _api;

    internal nint Handle => _model != 0 ? _model : throw new ObjectDisposedException(nameof(LlamaModel));

    internal nint Vocab { get; }

    public int VocabularySize { get; }

    public int Bos { get; }

    public int Eos { get; }

    /// <summary>Whether the model's tokenizer puts BOS in front of a prompt.</summary>
    public bool AddsBos { get; }

    public int TrainedContextLength { get; }

    /// <summary>Width of the model's hidden state, the length of its embeddings.</summary>
    public int EmbeddingLength { get; }

    public ulong ParameterCount { get; }

    public ulong SizeBytes { get; }

    /// <summary>
    /// Loads <paramref name="path"/> (only its vocabulary with <paramref name="vocabularyOnly"/>); a file
    /// llama.cpp cannot load gives an error naming the file and llama.cpp's reason.
    /// </summary>
    public static LlamaModel Load(string path, LlamaApi api, bool vocabularyOnly = false)
    {
        if (!File.Exists(path))
        {
            throw new LlamaLibraryException($"model file '{path}' does not exist");
        }

        // Our own header check first: llama.cpp aborts the process on some malformed files instead of
        // returning an error, and a truncated file is cheaper to refuse before mapping it.
        try
        {
            var header = Gguf.GgufReader.Read(path);
            var needed = header.DataOffset + header.TensorDataBytes;
            if (!vocabularyOnly && new FileInfo(path).Length < needed)
            {
                throw new LlamaLibraryException($"model file '{path}' is truncated: its tensors need {needed:N0} bytes, the file has {new FileInfo(path).Length:N0}");
            }
        }
        catch (Gguf.GgufFormatException ex)
        {
            throw new LlamaLibraryException(ex.Message);
        }

        var parameters = api.ModelDefaultParams();
        parameters.GpuLayers = 0;
        parameters.VocabOnly = (byte)(vocabularyOnly ? 1 : 0);
        LlamaLibrary.ClearProblems();
        var utf8 = Encoding.UTF8.GetBytes(path + "\0");
        nint model;
        fixed (byte* p = utf8)
        {
            model = api.ModelLoadFromFile(p, parameters);
        }

        if (model == 0)
        {
            var reason = LlamaLibrary.LastProblems();
            throw new LlamaLibraryException($"llama.cpp could not load '{path}'" + (reason.Length > 0 ? $": {reason}" : " (not a model llama.cpp supports)"));
        }

        return new LlamaModel(api, model, path);
    }

    /// <summary>The model's own chat template (from the GGUF), or null.</summary>
    public string? ChatTemplate() => LlamaLibrary.Utf8(_api.ModelChatTemplate(Handle, null));

    /// <summary>Tokens of <paramref name="text"/>; <paramref name="addSpecial"/> adds BOS when the model wants it.</summary>
    public int[] Tokenize(string text, bool addSpecial, bool parseSpecial = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var capacity = bytes.Length + 8;
        while (true)
        {
            var tokens = new int[capacity];
            int count;
            fixed (byte* t = bytes)
            fixed (int* o = tokens)
            {
                count = _api.Tokenize(Vocab, t, bytes.Length, o, capacity, (byte)(addSpecial ? 1 : 0), (byte)(parseSpecial ? 1 : 0));
            }

            if (count >= 0)
            {
                return tokens[..count];
            }

            if (count == int.MinValue)
            {
                throw new InvalidOperationException("the text is too long to tokenise");
            }

            capacity = -count;
        }
    }

    /// <summary>The bytes a token stands for (UTF-8; a multi-byte character may span tokens).</summary>
    public byte[] TokenBytes(int token, bool special = false)
    {
        Span<byte> buffer = stackalloc byte[128];
        fixed (byte* b = buffer)
        {
            var length = _api.TokenToPiece(Vocab, token, b, buffer.Length, 0, (byte)(special ? 1 : 0));
            if (length >= 0)
            {
                return buffer[..length].ToArray();
            }
        }

        var large = new byte[-_api.TokenToPiece(Vocab, token, null, 0, 0, (byte)(special ? 1 : 0))];
        fixed (byte* b = large)
        {
            _api.TokenToPiece(Vocab, token, b, large.Length, 0, (byte)(special ? 1 : 0));
        }

        return large;
    }

    public bool IsEndOfGeneration(int token) => _api.VocabIsEndOfGeneration(Vocab, token) != 0;

    public void Dispose()
    {
        var model = Interlocked.Exchange(ref _model, 0);
        if (model != 0)
        {
            _api.ModelFree(model);
        }
    }
}
