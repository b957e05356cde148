using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Switchboard.Server.ControlPlane.Storage;

/// <summary>Stores an enum as its lower-case name (<c>owner</c>, <c>viewer</c>) and reads any case back.</summary>
internal sealed class LowerCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => value.ToString().ToLowerInvariant(),
    value => Enum.Parse<TEnum>(value, true))
    where TEnum : struct, Enum;
