using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Server.ControlPlane.Audit;

/// <summary>
/// The audit chain's hash: SHA-256 (lower-case hex) over a canonical form of the entry that includes the
/// previous entry's hash. The canonical form is the line <c>switchboard-audit-v1</c>, then one line per
/// field — <c>-</c> for null, otherwise <c>&lt;UTF-8 byte length&gt;:&lt;value&gt;</c> — in this order:
/// sequence, timestamp (Unix milliseconds), tenant id (lower-case GUID), actor kind, actor id, action,
/// target, details, previous hash. Each line ends with <c>\n</c>. Length prefixes make it unambiguous and
/// easy to reproduce outside Switchboard.
/// </summary>
internal static class AuditChain
{
    public const string Version = "switchboard-audit-v1";

    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string GenesisHash = new('0', 64);

    public static string ComputeHash(AuditEntry entry)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(buffer, Version, prefixed: false);
        Write(buffer, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Write(buffer, entry.Timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        Write(buffer, entry.TenantId?.ToString("D"));
        Write(buffer, entry.ActorKind.ToString().ToLowerInvariant());
        Write(buffer, entry.ActorId);
        Write(buffer, entry.Action);
        Write(buffer, entry.Target);
        Write(buffer, entry.Details);
        Write(buffer, entry.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>Audit timestamps keep whole milliseconds, the precision every store round-trips exactly.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    private static void Write(ArrayBufferWriter<byte> buffer, string? value, bool prefixed = true)
    {
        if (value is null)
        {
            buffer.Write("-\n"u8);
            return;
        }

        if (prefixed)
        {
            Encoding.ASCII.GetBytes(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture) + ":", buffer);
        }

        Encoding.UTF8.GetBytes(value, buffer);
        buffer.Write("\n"u8);
    }
}
