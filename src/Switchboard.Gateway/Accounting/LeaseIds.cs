using System.Globalization;
using System.Security.Cryptography;

namespace Switchboard.Gateway.Accounting;

/// <summary>
/// Ids of admissions (rate-limit slots, budget reservations): a random per-process prefix and a counter, unique across
/// the processes sharing a Redis without a random number per request. Thread-safe.
/// </summary>
internal static class LeaseIds
{
    private static readonly string Process = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private static long _next;

    public static string Next() => string.Create(CultureInfo.InvariantCulture, $"{Process}-{Interlocked.Increment(ref _next)}");
}
