using System.Text;
using System.Text.Json;
using Switchboard.Gateway.Accounting;

namespace Switchboard.Server.Usage.Ledger;

/// <summary>
/// Ledger rows that could not wait in memory: when the queue is full (the database is down or slow for long), and
/// what is still unwritten when the process stops. Appended as JSON lines to a file of this process under
/// <c>DATA/usage-spill/</c> and imported by the writer once the database takes rows again — also by the next
/// process, so spilled rows survive a restart. Appending is a buffered file write, never a database call. Thread-safe.
/// </summary>
internal sealed partial class UsageSpill(string directory, ILogger<UsageSpill> logger)
{
    private readonly Lock _lock = new();
    private FileStream? _file;
    private volatile bool _pending = Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*.jsonl").Any();

    public string DirectoryPath => directory;

    /// <summary>Whether spill files may be waiting to be imported.</summary>
    public bool HasPending => _pending;

    public void Append(UsageEntry entry)
    {
        lock (_lock)
        {
            try
            {
                var file = _file ??= Open();
                using (var json = new Utf8JsonWriter(file))
                {
                    JsonSerializer.Serialize(json, entry, UsageJsonContext.Default.UsageEntry);
                }

                file.WriteByte((byte)'\n');
                file.Flush();
                _pending = true;
            }
            catch (IOException ex)
            {
                // Nowhere left to keep it: the one case a row is lost, and it is said loudly.
                LogLost(entry.RequestId, ex);
            }
        }
    }

    /// <summary>Closes the file being appended to and returns every spill file, oldest first, for import.</summary>
    public string[] TakeFiles()
    {
        lock (_lock)
        {
            _file?.Dispose();
            _file = null;
            var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.jsonl") : [];
            Array.Sort(files, StringComparer.Ordinal);
            _pending = files.Length > 0;
            return files;
        }
    }

    /// <summary>The rows of a spill file; a line cut short by a crash is skipped.</summary>
    public static List<UsageEntry> Read(string path)
    {
        var entries = new List<UsageEntry>();
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize(line, UsageJsonContext.Default.UsageEntry) is { } entry)
                {
                    entries.Add(entry);
                }
            }
            catch (JsonException)
            {
                // A torn last line.
            }
        }

        return entries;
    }

    /// <summary>Marks files as still waiting (an import failed).</summary>
    public void MarkPending() => _pending = true;

    private FileStream Open()
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.jsonl");
        LogSpilling(path);
        return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 64 * 1024);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The usage ledger's queue is full or the process is stopping: rows go to {Path} until the database catches up")]
    private partial void LogSpilling(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Usage row of request {RequestId} could not be spilled to disk and is lost")]
    private partial void LogLost(string requestId, Exception exception);
}
