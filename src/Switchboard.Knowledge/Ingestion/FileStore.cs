using System.Security.Cryptography;

namespace Switchboard.Knowledge.Ingestion;

/// <summary>
/// Original files, content-addressed by SHA-256 under <c>knowledge/files/ab/abcd…</c>: an identical upload is stored
/// once, and the pipeline reads the exact bytes that were accepted (a restart re-parses from here). Thread-safe.
/// </summary>
internal sealed class FileStore
{
    private readonly string _root;

    public FileStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    /// <summary>
    /// Copies <paramref name="content"/> into the store, hashing as it goes. Stops after <paramref name="maxBytes"/> + 1 bytes:
    /// an oversized file is reported (Hash null) and nothing is kept.
    /// </summary>
    public async Task<(string? Hash, long Size)> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(_root, $"upload-{Guid.NewGuid():N}.tmp");
        try
        {
            long size = 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        return (null, size);
                    }

                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                output.Flush(flushToDisk: true);
            }

            var digest = Convert.ToHexStringLower(hash.GetHashAndReset());
            var path = PathOf(digest);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(path))
            {
                File.Move(temp, path);
            }

            return (digest, size);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public bool Exists(string hash) => File.Exists(PathOf(hash));

    public Stream Open(string hash) => new FileStream(PathOf(hash), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: false);

    public void Delete(string hash) => File.Delete(PathOf(hash));

    private string PathOf(string hash) =>
        hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower)
            ? Path.Combine(_root, hash[..2], hash)
            : throw new ArgumentException("Not a SHA-256 hex digest.", nameof(hash));
}
