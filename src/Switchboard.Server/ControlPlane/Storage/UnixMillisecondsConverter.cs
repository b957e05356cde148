using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Switchboard.Server.ControlPlane.Storage;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as Unix milliseconds (UTC), so SQLite can compare and order
/// timestamps. Sub-millisecond precision is dropped, as the audit chain's canonical form does too.
/// </summary>
internal sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.ToUnixTimeMilliseconds(),
    value => DateTimeOffset.FromUnixTimeMilliseconds(value));
