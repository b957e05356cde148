namespace Switchboard.Tests.SharedData;

/// <summary>
/// The reference models and data sets in <c>../shared</c> (found by walking up from the test binaries to
/// the directory holding <c>shared</c>), linked into every test project that reads them.
/// </summary>
public static class SharedModels
{
    public static string Root { get; } = FindShared();

    public static string Stories260K => Path.Combine(Root, "models", "stories260K", "stories260K.gguf");

    public static string StoriesGolden => Path.Combine(Root, "models", "stories260K", "golden.txt");

    public static string LlamaTinyRandom => Path.Combine(Root, "models", "llama2-tiny-random", "llama-2-tiny-random.gguf");

    public static string TokenizerVectors => Path.Combine(Root, "models", "tokenizer-vectors", "ggml-vocab-llama-spm.gguf");

    public static string SciFact => Path.Combine(Root, "data", "scifact");

    public static string PdfSamples => Path.Combine(Root, "data", "pdf-samples");

    private static string FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "models")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("../shared/models not found above " + AppContext.BaseDirectory);
    }
}
