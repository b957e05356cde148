namespace Switchboard.Server.Cli;

/// <summary>Expands the paths given to <c>ingest</c> into files, folders recursively, hidden files and folders skipped, in a stable order.</summary>
internal static class IngestFiles
{
    public static List<string> Expand(IEnumerable<string> paths, out string? missing)
    {
        missing = null;
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(Path.GetFullPath(path));
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden })
                    .Where(f => !Path.GetRelativePath(path, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
                    .Select(Path.GetFullPath)
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                missing = path;
                return [];
            }
        }

        return [.. files.Distinct(StringComparer.Ordinal)];
    }
}
