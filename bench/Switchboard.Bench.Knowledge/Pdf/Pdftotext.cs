using System.Diagnostics;

namespace Switchboard.Bench.Knowledge.Pdf;

/// <summary>
/// Runs poppler's <c>pdftotext</c> (default reading-order mode, UTF-8) as a process and times it from start to exit,
/// so its figure includes process start-up — that is what using it as a tool costs.
/// </summary>
internal sealed class Pdftotext(string executable)
{
    public TimeSpan Run(string pdf, string output)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-enc");
        start.ArgumentList.Add("UTF-8");
        start.ArgumentList.Add(pdf);
        start.ArgumentList.Add(output);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var elapsed = clock.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} exited with {process.ExitCode}: {errors.Trim()}");
        }

        return elapsed;
    }
}
