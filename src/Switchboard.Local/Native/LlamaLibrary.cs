using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Switchboard.Local.Native;

/// <summary>Why llama.cpp could not be loaded or used; the message says what to do.</summary>
internal sealed class LlamaLibraryException(string message) : Exception(message);

/// <summary>
/// Loads llama.cpp once per process: <c>libggml-base</c>, <c>libggml</c> and <c>libllama</c> from one
/// directory (the project's <c>native/llama</c>, fetched by <c>switchboard.sh</c>, or the user's own
/// CUDA/Metal/Vulkan build named by <c>SWITCHBOARD_LLAMA_DIR</c> or the config), the CPU backend variant
/// that suits this processor, and checks the version the binding's struct layouts were taken from.
/// llama.cpp's own log goes nowhere except warnings and errors, kept for error messages. Thread-safe.
/// </summary>
internal static unsafe class LlamaLibrary
{
    /// <summary>The <c>llama_version()</c> prefix of the llama.cpp whose llama.h the binding follows (node-llama-cpp 3.22.1).</summary>
    public const string ExpectedVersion = "0.5.0";

    /// <summary>Environment variable naming a directory with the llama.cpp shared libraries.</summary>
    public const string DirectoryVariable = "SWITCHBOARD_LLAMA_DIR";

    private static readonly Lock Gate = new();
    private static readonly ConcurrentQueue<string> RecentProblems = new();
    private static LlamaApi? _api;

    /// <summary>The loaded API; loads it on first use from <paramref name="directory"/> (or the default places).</summary>
    public static LlamaApi Load(string? directory = null)
    {
        if (_api is { } loaded)
        {
            return loaded;
        }

        lock (Gate)
        {
            return _api ??= LoadCore(directory ?? Environment.GetEnvironmentVariable(DirectoryVariable) ?? FindDefaultDirectory());
        }
    }

    /// <summary>The version string llama.cpp reports, once loaded.</summary>
    public static string? LoadedVersion { get; private set; }

    /// <summary>llama.cpp's latest warnings and errors (e.g. why a model failed to load), newest last.</summary>
    public static string LastProblems() => string.Join(" | ", RecentProblems);

    public static void ClearProblems() => RecentProblems.Clear();

    private static LlamaApi LoadCore(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new LlamaLibraryException(
                $"llama.cpp libraries not found: '{directory}' does not exist. Run ./switchboard.sh test or up once (it fetches them into native/llama), or set {DirectoryVariable}.");
        }

        // Dependencies first: libllama's NEEDED entries are then satisfied by the already loaded libraries.
        LoadFrom(directory, "libggml-base.so", "libggml-base*.so");
        var ggml = LoadFrom(directory, "libggml.so", "libggml.v*.so");
        var llama = LoadFrom(directory, "libllama.so", "libllama.v*.so");
        var api = LlamaApi.Resolve(llama, ggml);

        var version = Utf8(api.Version()) ?? "";
        if (!version.StartsWith(ExpectedVersion, StringComparison.Ordinal))
        {
            throw new LlamaLibraryException(
                $"llama.cpp in '{directory}' reports version '{version}', but this Switchboard's binding was written for {ExpectedVersion} (node-llama-cpp 3.22.1): struct layouts would not match. Use the matching build.");
        }

        LoadedVersion = version;
        api.LogSet(&OnLog, null);
        var path = Encoding.UTF8.GetBytes(directory + "\0");
        fixed (byte* p = path)
        {
            api.LoadAllBackendsFromPath(p);
        }

        api.BackendInit();
        return api;
    }

    private static nint LoadFrom(string directory, string plainName, string versionedPattern)
    {
        var candidates = Directory.GetFiles(directory, versionedPattern).Order(StringComparer.Ordinal).Prepend(Path.Combine(directory, plainName));
        var file = candidates.FirstOrDefault(File.Exists)
            ?? throw new LlamaLibraryException($"llama.cpp library '{plainName}' (or '{versionedPattern}') is missing in '{directory}'.");
        try
        {
            return NativeLibrary.Load(file);
        }
        catch (DllNotFoundException ex)
        {
            throw new LlamaLibraryException($"llama.cpp library '{file}' could not be loaded: {ex.Message}");
        }
    }

    /// <summary><c>native/llama</c> in the first ancestor of the application directory (or of the working directory) that has one.</summary>
    private static string FindDefaultDirectory()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "native", "llama");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "native", "llama");
    }

    internal static string? Utf8(byte* text) => text is null ? null : Marshal.PtrToStringUTF8((nint)text);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(int level, byte* text, void* userData)
    {
        // ggml_log_level: 3 = warning, 4 = error. Everything else is progress chatter.
        if (level is 3 or 4 && Utf8(text) is { Length: > 0 } line)
        {
            RecentProblems.Enqueue(line.Trim());
            while (RecentProblems.Count > 8 && RecentProblems.TryDequeue(out _))
            {
            }
        }
    }
}
