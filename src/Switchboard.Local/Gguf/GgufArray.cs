namespace Switchboard.Local.Gguf;

/// <summary>
/// A metadata array. Only the first <see cref="GgufReadOptions.ArrayItemLimit"/> items are materialised, so a
/// 150k-entry vocabulary costs a count, not 150k boxed strings. Immutable once read.
/// </summary>
/// <param name="ElementType">The type of every element.</param>
/// <param name="Count">How many elements the file holds.</param>
/// <param name="Items">The first elements (all of them when <see cref="IsComplete"/>), boxed like scalar values.</param>
internal sealed record GgufArray(GgufValueType ElementType, long Count, IReadOnlyList<object> Items)
{
    /// <summary>Whether <see cref="Items"/> holds every element.</summary>
    public bool IsComplete => Items.Count == Count;
}
