using Switchboard.Local.Gguf;

namespace Switchboard.Local.Catalog;

/// <summary>
/// One pass over a models directory: finds <c>*.gguf</c> files, reuses the previous entry of a file whose size and
/// modification time are unchanged, reads the header of the others, and assigns aliases. A file name that occurs
/// once gets <c>prefix + name</c>; names that occur in several folders get <c>prefix + relative/path</c> instead,
/// so no alias silently shadows another. Stateless.
/// </summary>
internal static class ModelCatalogScanner
{
    private static readonly EnumerationOptions Recursive = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        MatchCasing = MatchCasing.CaseInsensitive,
    };

    public static IReadOnlyList<CatalogEntry> Scan(string directory, string aliasPrefix, IReadOnlyDictionary<string, CatalogEntry> previous)
    {
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            return [];
        }

        var files = Directory.EnumerateFiles(root, "*.gguf", Recursive)
            .Select(path => new FileInfo(path))
            .OrderBy(file => file.FullName, StringComparer.Ordinal)
            .ToList();
        var nameCounts = files
            .GroupBy(file => Path.GetFileNameWithoutExtension(file.Name), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.OrdinalIgnoreCase);

        var entries = new List<CatalogEntry>(files.Count);
        foreach (var file in files)
        {
            var stem = Path.GetFileNameWithoutExtension(file.Name);
            var alias = aliasPrefix + (nameCounts[stem] == 1
                ? stem
                : Path.ChangeExtension(Path.GetRelativePath(root, file.FullName), null).Replace('\\', '/'));
            entries.Add(Describe(file, alias, previous));
        }

        return entries;
    }

    private static CatalogEntry Describe(FileInfo file, string alias, IReadOnlyDictionary<string, CatalogEntry> previous)
    {
        long size;
        DateTime modified;
        try
        {
            size = file.Length;
            modified = file.LastWriteTimeUtc;
        }
        catch (IOException ex)
        {
            // Deleted between enumeration and now; the next scan drops it.
            return new CatalogEntry(alias, file.FullName, 0, default, null, ex.Message);
        }

        if (previous.TryGetValue(file.FullName, out var known) && known.FileSize == size && known.LastWriteTimeUtc == modified)
        {
            return known.Alias == alias ? known : known with { Alias = alias };
        }

        try
        {
            return new CatalogEntry(alias, file.FullName, size, modified, GgufModelInfo.Read(file.FullName), null);
        }
        catch (GgufFormatException ex)
        {
            return new CatalogEntry(alias, file.FullName, size, modified, null, ex.Problem ?? ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new CatalogEntry(alias, file.FullName, size, modified, null, ex.Message);
        }
    }
}
