using Switchboard.Local.Gguf;

namespace Switchboard.Local.Catalog;

/// <summary>
/// One <c>*.gguf</c> file in the models directory: its alias and either its <see cref="Info"/> or the
/// <see cref="Error"/> that made it unreadable (a bad file is listed, not hidden, so users see why it is missing
/// from <c>/v1/models</c>). Immutable.
/// </summary>
/// <param name="Alias">The model name clients use, e.g. <c>local/stories260K</c>.</param>
/// <param name="Path">The full path of the file.</param>
/// <param name="FileSize">The size when scanned.</param>
/// <param name="LastWriteTimeUtc">The modification time when scanned; with the size, decides whether to re-read.</param>
/// <param name="Info">The model summary, or null when the file could not be read.</param>
/// <param name="Error">Why the file could not be read, or null.</param>
internal sealed record CatalogEntry(string Alias, string Path, long FileSize, DateTime LastWriteTimeUtc, GgufModelInfo? Info, string? Error)
{
    /// <summary>Whether the file was read successfully and can be served.</summary>
    public bool IsUsable => Info is not null;
}
