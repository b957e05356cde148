using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Switchboard.Server.ControlPlane.Audit;

/// <summary>Builds the JSON object stored in <see cref="AuditEntry.Details"/> from name/value pairs (nulls are left out).</summary>
internal static class AuditDetails
{
    public static string Of(params ReadOnlySpan<(string Name, string? Value)> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                if (value is not null)
                {
                    writer.WriteString(name, value);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
