using System.Text;
using Switchboard.Local.Native;

namespace Switchboard.Local.Inference;

/// <summary>
/// llama.cpp's quantiser behind names people use: <c>Q8_0</c>, <c>Q6_K</c>, <c>Q5_K_M</c>, <c>Q4_K_M</c>,
/// <c>Q4_0</c>, <c>Q2_K</c> … (llama_ftype values from llama.h).
/// </summary>
internal static unsafe class ModelQuantizer
{
    public static readonly IReadOnlyDictionary<string, int> Types = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["F16"] = 1, ["BF16"] = 32, ["Q8_0"] = 7, ["Q6_K"] = 18,
        ["Q5_0"] = 8, ["Q5_1"] = 9, ["Q5_K_S"] = 16, ["Q5_K_M"] = 17,
        ["Q4_0"] = 2, ["Q4_1"] = 3, ["Q4_K_S"] = 14, ["Q4_K_M"] = 15,
        ["Q3_K_S"] = 11, ["Q3_K_M"] = 12, ["Q3_K_L"] = 13, ["Q2_K"] = 10,
    };

    /// <summary>Writes <paramref name="output"/> quantised to <paramref name="type"/>; throws with llama.cpp's reason on failure.</summary>
    public static void Quantize(LlamaApi api, string input, string output, string type, int? threads = null)
    {
        if (!Types.TryGetValue(type, out var fileType))
        {
            throw new ArgumentException($"unknown quantisation type '{type}' (known: {string.Join(", ", Types.Keys)})", nameof(type));
        }

        if (!File.Exists(input))
        {
            throw new FileNotFoundException($"model file '{input}' does not exist", input);
        }

        var parameters = api.QuantizeDefaultParams();
        parameters.FileType = fileType;
        parameters.Threads = threads ?? Environment.ProcessorCount;
        var inputPath = Encoding.UTF8.GetBytes(input + "\0");
        var outputPath = Encoding.UTF8.GetBytes(output + "\0");
        LlamaLibrary.ClearProblems();
        uint result;
        fixed (byte* i = inputPath)
        fixed (byte* o = outputPath)
        {
            result = api.ModelQuantize(i, o, &parameters);
        }

        if (result != 0)
        {
            throw new LlamaLibraryException($"quantising '{input}' to {type} failed: {LlamaLibrary.LastProblems()}");
        }
    }
}
