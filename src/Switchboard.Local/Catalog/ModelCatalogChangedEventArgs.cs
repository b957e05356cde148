namespace Switchboard.Local.Catalog;

/// <summary>Carries the new snapshot of a <see cref="ModelCatalog"/> after a rescan found a difference.</summary>
internal sealed class ModelCatalogChangedEventArgs(IReadOnlyList<CatalogEntry> entries) : EventArgs
{
    /// <summary>The catalog's entries after the change.</summary>
    public IReadOnlyList<CatalogEntry> Entries { get; } = entries;
}
