using System.Globalization;
using System.Text;

namespace Switchboard.Server.Web.Analytics;

/// <summary>
/// The arithmetic of the page's small SVG line charts: a round top for the value axis, and the path of a line through
/// evenly spaced buckets that breaks where a value is missing. Coordinates are in the chart's view box (origin top
/// left). Stateless.
/// </summary>
internal static class ChartGeometry
{
    /// <summary>The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above <paramref name="max"/>, so the axis reads in round numbers; 1 for nothing.</summary>
    public static double NiceMax(double max)
    {
        if (max <= 0 || !double.IsFinite(max))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in (ReadOnlySpan<double>)[1, 2, 2.5, 5, 10])
        {
            // A relative tolerance keeps 3 × 0.1 (0.30000000000000004) at 0.5 instead of a step too far.
            if (step * magnitude >= max * (1 - 1e-9))
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    /// <summary>Where bucket <paramref name="index"/> of <paramref name="count"/> sits horizontally (a lone bucket in the middle).</summary>
    public static double X(int index, int count, double width) => count <= 1 ? width / 2 : index * width / (count - 1);

    /// <summary>Where <paramref name="value"/> sits vertically with <paramref name="top"/> at the top edge.</summary>
    public static double Y(double value, double top, double height) => height - (Math.Clamp(value, 0, top) / top * height);

    /// <summary>
    /// An SVG path through the values (<c>M x y L x y …</c>), starting a new piece after every missing value; a piece of one
    /// point is a zero-length segment, which a round line cap draws as a dot. Empty when every value is missing.
    /// </summary>
    public static string Path(IReadOnlyList<double?> values, double top, double width, double height)
    {
        var path = new StringBuilder();
        var drawing = false;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } value)
            {
                drawing = false;
                continue;
            }

            var x = Number(X(i, values.Count, width));
            var y = Number(Y(value, top, height));
            var alone = i + 1 >= values.Count || values[i + 1] is null;
            path.Append(path.Length > 0 ? " " : "").Append(drawing ? 'L' : 'M').Append(x).Append(' ').Append(y);
            if (!drawing && alone)
            {
                path.Append(" h0");
            }

            drawing = true;
        }

        return path.ToString();
    }

    /// <summary>A coordinate with at most two decimals, invariant.</summary>
    public static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
