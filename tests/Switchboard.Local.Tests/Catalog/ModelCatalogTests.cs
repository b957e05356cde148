using Microsoft.Extensions.Time.Testing;
using Switchboard.Local.Catalog;

namespace Switchboard.Local.Tests.Catalog;

public sealed class ModelCatalogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sb-catalog-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Scan_FindsGgufFilesRecursively_AndAliasesThemByFileName()
    {
        File.Copy(SharedModels.Stories260K, Path.Combine(_directory, "stories260K.gguf"));
        Directory.CreateDirectory(Path.Combine(_directory, "llama"));
        File.Copy(SharedModels.LlamaTinyRandom, Path.Combine(_directory, "llama", "llama-2-tiny-random.GGUF"));
        File.WriteAllText(Path.Combine(_directory, "notes.txt"), "not a model");
        using var catalog = new ModelCatalog(new ModelCatalogOptions { Directory = _directory }, TimeProvider.System);

        var entries = catalog.Scan();

        Assert.Equal(["local/llama-2-tiny-random", "local/stories260K"], entries.Select(e => e.Alias));
        Assert.All(entries, e => Assert.True(e.IsUsable));
        Assert.Equal(32_000, entries[0].Info!.VocabSize);
        Assert.Equal(292_800, catalog.Find("LOCAL/stories260k")!.Info!.ParameterCount);
        Assert.Null(catalog.Find("local/missing"));
    }

    [Fact]
    public void Scan_CorruptFile_IsAnEntryWithItsError_AndTheOthersStillLoad()
    {
        File.Copy(SharedModels.Stories260K, Path.Combine(_directory, "good.gguf"));
        File.WriteAllBytes(Path.Combine(_directory, "broken.gguf"), "GGML and then some"u8.ToArray());
        File.WriteAllBytes(Path.Combine(_directory, "cut.gguf"), File.ReadAllBytes(SharedModels.Stories260K)[..20_000]);
        using var catalog = new ModelCatalog(new ModelCatalogOptions { Directory = _directory }, TimeProvider.System);

        var entries = catalog.Scan();

        Assert.Equal(["local/broken", "local/cut", "local/good"], entries.Select(e => e.Alias));
        Assert.Null(entries[0].Info);
        Assert.Contains("not a GGUF file", entries[0].Error, StringComparison.Ordinal);
        Assert.Contains("truncated", entries[1].Error, StringComparison.Ordinal);
        Assert.True(entries[2].IsUsable);
        Assert.Null(entries[2].Error);
    }

    [Fact]
    public void Scan_SameFileNameInTwoFolders_UsesRelativePathAliases()
    {
        foreach (var folder in new[] { "a", "b" })
        {
            Directory.CreateDirectory(Path.Combine(_directory, folder));
            File.Copy(SharedModels.Stories260K, Path.Combine(_directory, folder, "tiny.gguf"));
        }

        File.Copy(SharedModels.Stories260K, Path.Combine(_directory, "other.gguf"));
        using var catalog = new ModelCatalog(new ModelCatalogOptions { Directory = _directory }, TimeProvider.System);

        Assert.Equal(["local/a/tiny", "local/b/tiny", "local/other"], catalog.Scan().Select(e => e.Alias));
    }

    [Fact]
    public void Scan_MissingDirectory_IsEmpty()
    {
        using var catalog = new ModelCatalog(new ModelCatalogOptions { Directory = Path.Combine(_directory, "absent") }, TimeProvider.System);

        Assert.Empty(catalog.Scan());
    }

    [Fact]
    public void Scan_NothingChanged_KeepsTheSnapshotAndRaisesNothing()
    {
        File.Copy(SharedModels.Stories260K, Path.Combine(_directory, "stories.gguf"));
        using var catalog = new ModelCatalog(new ModelCatalogOptions { Directory = _directory }, TimeProvider.System);
        var first = catalog.Scan();
        var changes = 0;
        catalog.Changed += (_, _) => changes++;

        var second = catalog.Scan();

        Assert.Same(first, second);
        Assert.Same(first[0], second[0]); // the header was not re-read
        Assert.Equal(0, changes);
    }

    [Fact]
    public void Start_WithoutWatcher_PeriodicRescanPicksUpAddedAndRemovedFiles()
    {
        var time = new FakeTimeProvider();
        var options = new ModelCatalogOptions { Directory = _directory, Watch = false, RescanInterval = TimeSpan.FromSeconds(30) };
        using var catalog = new ModelCatalog(options, time);
        var snapshots = new List<IReadOnlyList<CatalogEntry>>();
        catalog.Changed += (_, e) => snapshots.Add(e.Entries);
        catalog.Start();
        Assert.Empty(catalog.Entries);

        var path = Path.Combine(_directory, "stories.gguf");
        File.Copy(SharedModels.Stories260K, path);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(catalog.Entries);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["local/stories"], catalog.Entries.Select(e => e.Alias));

        File.Delete(path);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(catalog.Entries);
        Assert.Equal([1, 0], snapshots.Select(s => s.Count));
    }

    [Fact]
    public async Task Start_Watching_AddedCorruptAndRemovedFilesRaiseChanged()
    {
        var options = new ModelCatalogOptions { Directory = _directory, Debounce = TimeSpan.FromMilliseconds(100), RescanInterval = Timeout.InfiniteTimeSpan };
        using var catalog = new ModelCatalog(options, TimeProvider.System);
        catalog.Start();

        var good = Path.Combine(_directory, "stories.gguf");
        await WaitForAsync(catalog, () => File.Copy(SharedModels.Stories260K, good), e => e.Count == 1 && e[0].IsUsable);
        var bad = Path.Combine(_directory, "bad.gguf");
        await WaitForAsync(catalog, () => File.WriteAllText(bad, "nope"), e => e.Count == 2 && e[0].Error is not null);
        await WaitForAsync(catalog, () => File.Delete(good), e => e.Count == 1 && e[0].Alias == "local/bad");
    }

    private static async Task WaitForAsync(ModelCatalog catalog, Action change, Func<IReadOnlyList<CatalogEntry>, bool> condition)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(object? sender, ModelCatalogChangedEventArgs e)
        {
            if (condition(e.Entries))
            {
                reached.TrySetResult();
            }
        }

        catalog.Changed += OnChanged;
        try
        {
            change();
            await reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            catalog.Changed -= OnChanged;
        }
    }
}
