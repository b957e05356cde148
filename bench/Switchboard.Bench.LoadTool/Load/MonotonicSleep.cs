using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Switchboard.Bench.LoadTool.Load;

/// <summary>
/// Sleeps until a <see cref="Stopwatch"/> timestamp. On Linux, where the timestamp is CLOCK_MONOTONIC in
/// nanoseconds, an absolute <c>clock_nanosleep</c> wakes within the thread's timer slack
/// without burning a core; elsewhere it sleeps to within ~2 ms and spins the rest.
/// </summary>
internal static partial class MonotonicSleep
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsoluteTime = 1;
    private const int PrSetTimerSlack = 29;
    private static bool s_nativeWorks = OperatingSystem.IsLinux() && Stopwatch.Frequency == 1_000_000_000;

    /// <summary>
    /// Asks Linux to wake the calling thread within 1 µs of its deadline instead of the default 50 µs
    /// timer slack. Per thread; harmless where unsupported.
    /// </summary>
    public static void TightenTimerSlack()
    {
        if (!s_nativeWorks)
        {
            return;
        }

        try
        {
            _ = Prctl(PrSetTimerSlack, 1, 0, 0, 0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            s_nativeWorks = false;
        }
    }

    public static void Until(long timestamp)
    {
        if (s_nativeWorks && TrySleepNative(timestamp))
        {
            return;
        }

        long remaining;
        while ((remaining = timestamp - Stopwatch.GetTimestamp()) > 0)
        {
            if (remaining > Stopwatch.Frequency / 500)
            {
                Thread.Sleep(TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency) - TimeSpan.FromMilliseconds(1.5));
            }
            else
            {
                Thread.SpinWait(64);
            }
        }
    }

    private static bool TrySleepNative(long timestamp)
    {
        var request = new TimeSpec { Seconds = timestamp / 1_000_000_000, Nanoseconds = timestamp % 1_000_000_000 };
        try
        {
            // EINTR (a signal) returns early; the caller's loop simply sleeps again.
            while (Stopwatch.GetTimestamp() < timestamp)
            {
                _ = ClockNanosleep(ClockMonotonic, TimerAbsoluteTime, in request, IntPtr.Zero);
            }

            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            s_nativeWorks = false;
            return false;
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "clock_nanosleep")]
    private static partial int ClockNanosleep(int clockId, int flags, in TimeSpec request, IntPtr remaining);

    [LibraryImport("libc.so.6", EntryPoint = "prctl")]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
