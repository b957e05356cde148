namespace Switchboard.Local.Gguf;

/// <summary>
/// Reads one metadata value of any type, including nested arrays. Arrays keep only their first
/// <see cref="GgufReadOptions.ArrayItemLimit"/> items; the rest are skipped by seeking. Stateless.
/// </summary>
internal static class GgufValueReader
{
    private const int MaxArrayNesting = 8;

    public static object Read(GgufBinaryReader reader, GgufValueType type, string key, GgufReadOptions options, int depth)
    {
        var what = $"value of '{key}'";
        return type switch
        {
            GgufValueType.UInt8 => reader.ReadByte(what),
            GgufValueType.Int8 => (sbyte)reader.ReadByte(what),
            GgufValueType.UInt16 => reader.ReadUInt16(what),
            GgufValueType.Int16 => (short)reader.ReadUInt16(what),
            GgufValueType.UInt32 => reader.ReadUInt32(what),
            GgufValueType.Int32 => (int)reader.ReadUInt32(what),
            GgufValueType.Float32 => reader.ReadSingle(what),
            GgufValueType.Bool => ReadBool(reader, what),
            GgufValueType.String => reader.ReadString(what),
            GgufValueType.Array => ReadArray(reader, key, options, depth),
            GgufValueType.UInt64 => reader.ReadUInt64(what),
            GgufValueType.Int64 => (long)reader.ReadUInt64(what),
            GgufValueType.Float64 => reader.ReadDouble(what),
            _ => throw reader.Error($"corrupt metadata: unknown value type {(uint)type} for '{key}'"),
        };
    }

    private static bool ReadBool(GgufBinaryReader reader, string what) => reader.ReadByte(what) switch
    {
        0 => false,
        1 => true,
        var other => throw reader.Error($"corrupt metadata: {what} is a bool of {other} (0 or 1 expected)"),
    };

    private static GgufArray ReadArray(GgufBinaryReader reader, string key, GgufReadOptions options, int depth)
    {
        if (depth >= MaxArrayNesting)
        {
            throw reader.Error($"corrupt metadata: arrays in '{key}' are nested more than {MaxArrayNesting} deep");
        }

        var elementType = GgufReader.ReadValueType(reader, $"array element type of '{key}'");
        var count = reader.ReadUInt64($"array length of '{key}'");
        var minimum = MinimumSize(elementType);
        if (count > (ulong)(reader.Remaining / minimum))
        {
            throw reader.Error($"truncated or corrupt: array '{key}' claims {count} elements but only {reader.Remaining} bytes remain");
        }

        var kept = (int)Math.Min((long)count, options.ArrayItemLimit);
        var items = new object[kept];
        for (var i = 0; i < kept; i++)
        {
            items[i] = Read(reader, elementType, key, options, depth + 1);
        }

        Skip(reader, elementType, (long)count - kept, key, options, depth);
        return new GgufArray(elementType, (long)count, items);
    }

    private static void Skip(GgufBinaryReader reader, GgufValueType type, long count, string key, GgufReadOptions options, int depth)
    {
        if (count == 0)
        {
            return;
        }

        switch (type)
        {
            case GgufValueType.String:
                for (long i = 0; i < count; i++)
                {
                    reader.SkipString($"array item of '{key}'");
                }

                break;
            case GgufValueType.Array:
                // Nested arrays are rare and small; reading them with a zero item limit skips their contents.
                var skipAll = options with { ArrayItemLimit = 0 };
                for (long i = 0; i < count; i++)
                {
                    ReadArray(reader, key, skipAll, depth + 1);
                }

                break;
            default:
                reader.Skip(checked(count * MinimumSize(type)), $"array items of '{key}'");
                break;
        }
    }

    /// <summary>The bytes an element takes (its exact size for scalars, the length prefix for strings and arrays).</summary>
    private static int MinimumSize(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.String => 8,
        GgufValueType.Array => 12,
        _ => 8,
    };
}
