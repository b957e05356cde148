using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Switchboard.Local.Gguf;

/// <summary>
/// The metadata key/value pairs of a GGUF file, in file order, with typed look-ups that accept any integer width
/// (writers disagree on whether <c>context_length</c> is u32 or u64). Values are boxed <c>byte</c>, <c>sbyte</c>,
/// <c>ushort</c>, <c>short</c>, <c>uint</c>, <c>int</c>, <c>float</c>, <c>bool</c>, <c>string</c>, <c>ulong</c>,
/// <c>long</c>, <c>double</c> or <see cref="GgufArray"/>. Immutable and thread-safe.
/// </summary>
internal sealed class GgufMetadata(IReadOnlyList<KeyValuePair<string, object>> entries) : IReadOnlyCollection<KeyValuePair<string, object>>
{
    private readonly Dictionary<string, object> _byKey = entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    public int Count => entries.Count;

    public IEnumerable<string> Keys => entries.Select(e => e.Key);

    public object this[string key] => _byKey[key];

    public bool TryGetValue(string key, [NotNullWhen(true)] out object? value) => _byKey.TryGetValue(key, out value);

    /// <summary>The string at <paramref name="key"/>, or null when absent or not a string.</summary>
    public string? GetString(string key) => _byKey.GetValueOrDefault(key) as string;

    /// <summary>The array at <paramref name="key"/>, or null when absent or not an array.</summary>
    public GgufArray? GetArray(string key) => _byKey.GetValueOrDefault(key) as GgufArray;

    /// <summary>
    /// The integer at <paramref name="key"/> as a <see cref="long"/>, or null when absent, not an integer or out of range.
    /// For an array (per-layer values such as head counts) the first item is used.
    /// </summary>
    public long? GetInteger(string key) => _byKey.GetValueOrDefault(key) switch
    {
        GgufArray { Items.Count: > 0 } array => ToInteger(array.Items[0]),
        var value => ToInteger(value),
    };

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static long? ToInteger(object? value) => value switch
    {
        byte v => v,
        sbyte v => v,
        ushort v => v,
        short v => v,
        uint v => v,
        int v => v,
        long v => v,
        ulong v when v <= long.MaxValue => (long)v,
        _ => null,
    };
}
