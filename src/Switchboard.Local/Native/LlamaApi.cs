using System.Runtime.InteropServices;

namespace Switchboard.Local.Native;

/// <summary>
/// The llama.cpp C functions Switchboard calls, as unmanaged function pointers resolved once from the
/// loaded libraries (<see cref="LlamaLibrary"/>). Signatures follow llama.h of node-llama-cpp 3.22.1;
/// C <c>bool</c> is a byte. No marshalling happens on these calls: strings are UTF-8 pointers.
/// </summary>
internal sealed unsafe class LlamaApi
{
    public required delegate* unmanaged[Cdecl]<void> BackendInit { get; init; }
    public required delegate* unmanaged[Cdecl]<byte*, void> LoadAllBackendsFromPath { get; init; }
    public required delegate* unmanaged[Cdecl]<byte*> Version { get; init; }
    public required delegate* unmanaged[Cdecl]<byte*> SystemInfo { get; init; }
    public required delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<int, byte*, void*, void>, void*, void> LogSet { get; init; }

    public required delegate* unmanaged[Cdecl]<LlamaModelParams> ModelDefaultParams { get; init; }
    public required delegate* unmanaged[Cdecl]<LlamaContextParams> ContextDefaultParams { get; init; }
    public required delegate* unmanaged[Cdecl]<LlamaSamplerChainParams> SamplerChainDefaultParams { get; init; }
    public required delegate* unmanaged[Cdecl]<LlamaModelQuantizeParams> QuantizeDefaultParams { get; init; }

    public required delegate* unmanaged[Cdecl]<byte*, LlamaModelParams, nint> ModelLoadFromFile { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, void> ModelFree { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, LlamaContextParams, nint> InitFromModel { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, void> Free { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, nint> ModelGetVocab { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, int> ModelContextTrain { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, int> ModelEmbeddingLength { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, ulong> ModelParameterCount { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, ulong> ModelSize { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, byte*, byte*> ModelChatTemplate { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, uint> ContextSize { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, uint> ContextBatchSize { get; init; }

    public required delegate* unmanaged[Cdecl]<nint, int> VocabTokenCount { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, int> VocabBos { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, int> VocabEos { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, int, byte> VocabIsEndOfGeneration { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, byte> VocabAddsBos { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, byte*, int, int*, int, byte, byte, int> Tokenize { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, int, byte*, int, int, byte, int> TokenToPiece { get; init; }

    public required delegate* unmanaged[Cdecl]<int, int, int, LlamaBatch> BatchInit { get; init; }
    public required delegate* unmanaged[Cdecl]<LlamaBatch, void> BatchFree { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, LlamaBatch, int> Decode { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, nint> GetMemory { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, byte, void> MemoryClear { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, int, int, int, byte> MemorySequenceRemove { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, int, float*> GetEmbeddingsSequence { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, int, float*> GetEmbeddingsIth { get; init; }

    public required delegate* unmanaged[Cdecl]<LlamaSamplerChainParams, nint> SamplerChainInit { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, nint, void> SamplerChainAdd { get; init; }
    public required delegate* unmanaged[Cdecl]<nint> SamplerInitGreedy { get; init; }
    public required delegate* unmanaged[Cdecl]<uint, nint> SamplerInitDist { get; init; }
    public required delegate* unmanaged[Cdecl]<int, nint> SamplerInitTopK { get; init; }
    public required delegate* unmanaged[Cdecl]<float, nuint, nint> SamplerInitTopP { get; init; }
    public required delegate* unmanaged[Cdecl]<float, nuint, nint> SamplerInitMinP { get; init; }
    public required delegate* unmanaged[Cdecl]<float, nint> SamplerInitTemperature { get; init; }
    public required delegate* unmanaged[Cdecl]<int, int, float, float, float, nint> SamplerInitPenalties { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint> SamplerInitGrammar { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, nint, int, int> SamplerSample { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, int, void> SamplerAccept { get; init; }
    public required delegate* unmanaged[Cdecl]<nint, void> SamplerFree { get; init; }

    public required delegate* unmanaged[Cdecl]<byte*, byte*, LlamaModelQuantizeParams*, uint> ModelQuantize { get; init; }
    public required delegate* unmanaged[Cdecl]<byte*, LlamaChatMessage*, nuint, byte, byte*, int, int> ChatApplyTemplate { get; init; }

    /// <summary>Resolves every function; a missing one means the library is not the llama.cpp this binding was written for.</summary>
    public static LlamaApi Resolve(nint llama, nint ggml)
    {
        return new LlamaApi
        {
            BackendInit = (delegate* unmanaged[Cdecl]<void>)Export(llama, "llama_backend_init"),
            LoadAllBackendsFromPath = (delegate* unmanaged[Cdecl]<byte*, void>)Export(ggml, "ggml_backend_load_all_from_path"),
            Version = (delegate* unmanaged[Cdecl]<byte*>)Export(llama, "llama_version"),
            SystemInfo = (delegate* unmanaged[Cdecl]<byte*>)Export(llama, "llama_print_system_info"),
            LogSet = (delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<int, byte*, void*, void>, void*, void>)Export(llama, "llama_log_set"),
            ModelDefaultParams = (delegate* unmanaged[Cdecl]<LlamaModelParams>)Export(llama, "llama_model_default_params"),
            ContextDefaultParams = (delegate* unmanaged[Cdecl]<LlamaContextParams>)Export(llama, "llama_context_default_params"),
            SamplerChainDefaultParams = (delegate* unmanaged[Cdecl]<LlamaSamplerChainParams>)Export(llama, "llama_sampler_chain_default_params"),
            QuantizeDefaultParams = (delegate* unmanaged[Cdecl]<LlamaModelQuantizeParams>)Export(llama, "llama_model_quantize_default_params"),
            ModelLoadFromFile = (delegate* unmanaged[Cdecl]<byte*, LlamaModelParams, nint>)Export(llama, "llama_model_load_from_file"),
            ModelFree = (delegate* unmanaged[Cdecl]<nint, void>)Export(llama, "llama_model_free"),
            InitFromModel = (delegate* unmanaged[Cdecl]<nint, LlamaContextParams, nint>)Export(llama, "llama_init_from_model"),
            Free = (delegate* unmanaged[Cdecl]<nint, void>)Export(llama, "llama_free"),
            ModelGetVocab = (delegate* unmanaged[Cdecl]<nint, nint>)Export(llama, "llama_model_get_vocab"),
            ModelContextTrain = (delegate* unmanaged[Cdecl]<nint, int>)Export(llama, "llama_model_n_ctx_train"),
            ModelEmbeddingLength = (delegate* unmanaged[Cdecl]<nint, int>)Export(llama, "llama_model_n_embd"),
            ModelParameterCount = (delegate* unmanaged[Cdecl]<nint, ulong>)Export(llama, "llama_model_n_params"),
            ModelSize = (delegate* unmanaged[Cdecl]<nint, ulong>)Export(llama, "llama_model_size"),
            ModelChatTemplate = (delegate* unmanaged[Cdecl]<nint, byte*, byte*>)Export(llama, "llama_model_chat_template"),
            ContextSize = (delegate* unmanaged[Cdecl]<nint, uint>)Export(llama, "llama_n_ctx"),
            ContextBatchSize = (delegate* unmanaged[Cdecl]<nint, uint>)Export(llama, "llama_n_batch"),
            VocabTokenCount = (delegate* unmanaged[Cdecl]<nint, int>)Export(llama, "llama_vocab_n_tokens"),
            VocabBos = (delegate* unmanaged[Cdecl]<nint, int>)Export(llama, "llama_vocab_bos"),
            VocabEos = (delegate* unmanaged[Cdecl]<nint, int>)Export(llama, "llama_vocab_eos"),
            VocabIsEndOfGeneration = (delegate* unmanaged[Cdecl]<nint, int, byte>)Export(llama, "llama_vocab_is_eog"),
            VocabAddsBos = (delegate* unmanaged[Cdecl]<nint, byte>)Export(llama, "llama_vocab_get_add_bos"),
            Tokenize = (delegate* unmanaged[Cdecl]<nint, byte*, int, int*, int, byte, byte, int>)Export(llama, "llama_tokenize"),
            TokenToPiece = (delegate* unmanaged[Cdecl]<nint, int, byte*, int, int, byte, int>)Export(llama, "llama_token_to_piece"),
            BatchInit = (delegate* unmanaged[Cdecl]<int, int, int, LlamaBatch>)Export(llama, "llama_batch_init"),
            BatchFree = (delegate* unmanaged[Cdecl]<LlamaBatch, void>)Export(llama, "llama_batch_free"),
            Decode = (delegate* unmanaged[Cdecl]<nint, LlamaBatch, int>)Export(llama, "llama_decode"),
            GetMemory = (delegate* unmanaged[Cdecl]<nint, nint>)Export(llama, "llama_get_memory"),
            MemoryClear = (delegate* unmanaged[Cdecl]<nint, byte, void>)Export(llama, "llama_memory_clear"),
            MemorySequenceRemove = (delegate* unmanaged[Cdecl]<nint, int, int, int, byte>)Export(llama, "llama_memory_seq_rm"),
            GetEmbeddingsSequence = (delegate* unmanaged[Cdecl]<nint, int, float*>)Export(llama, "llama_get_embeddings_seq"),
            GetEmbeddingsIth = (delegate* unmanaged[Cdecl]<nint, int, float*>)Export(llama, "llama_get_embeddings_ith"),
            SamplerChainInit = (delegate* unmanaged[Cdecl]<LlamaSamplerChainParams, nint>)Export(llama, "llama_sampler_chain_init"),
            SamplerChainAdd = (delegate* unmanaged[Cdecl]<nint, nint, void>)Export(llama, "llama_sampler_chain_add"),
            SamplerInitGreedy = (delegate* unmanaged[Cdecl]<nint>)Export(llama, "llama_sampler_init_greedy"),
            SamplerInitDist = (delegate* unmanaged[Cdecl]<uint, nint>)Export(llama, "llama_sampler_init_dist"),
            SamplerInitTopK = (delegate* unmanaged[Cdecl]<int, nint>)Export(llama, "llama_sampler_init_top_k"),
            SamplerInitTopP = (delegate* unmanaged[Cdecl]<float, nuint, nint>)Export(llama, "llama_sampler_init_top_p"),
            SamplerInitMinP = (delegate* unmanaged[Cdecl]<float, nuint, nint>)Export(llama, "llama_sampler_init_min_p"),
            SamplerInitTemperature = (delegate* unmanaged[Cdecl]<float, nint>)Export(llama, "llama_sampler_init_temp"),
            SamplerInitPenalties = (delegate* unmanaged[Cdecl]<int, int, float, float, float, nint>)Export(llama, "llama_sampler_init_penalties"),
            SamplerInitGrammar = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint>)Export(llama, "llama_sampler_init_grammar"),
            SamplerSample = (delegate* unmanaged[Cdecl]<nint, nint, int, int>)Export(llama, "llama_sampler_sample"),
            SamplerAccept = (delegate* unmanaged[Cdecl]<nint, int, void>)Export(llama, "llama_sampler_accept"),
            SamplerFree = (delegate* unmanaged[Cdecl]<nint, void>)Export(llama, "llama_sampler_free"),
            ModelQuantize = (delegate* unmanaged[Cdecl]<byte*, byte*, LlamaModelQuantizeParams*, uint>)Export(llama, "llama_model_quantize"),
            ChatApplyTemplate = (delegate* unmanaged[Cdecl]<byte*, LlamaChatMessage*, nuint, byte, byte*, int, int>)Export(llama, "llama_chat_apply_template"),
        };
    }

    private static nint Export(nint library, string name) =>
        NativeLibrary.TryGetExport(library, name, out var address)
            ? address
            : throw new LlamaLibraryException($"the llama.cpp library has no function '{name}': it is not the version this build of Switchboard supports ({LlamaLibrary.ExpectedVersion})");
}
