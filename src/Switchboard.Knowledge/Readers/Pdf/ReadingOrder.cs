using System.Text;

namespace Switchboard.Knowledge.Readers.Pdf;

/// <summary>
/// Orders a page's fragments into lines by recursive XY-cut. A region is first split into columns at the widest
/// vertical gap that runs through all of it (at least 0.8 em wide, with at least a fifth of the region's width on
/// either side, so bullets and equation numbers are no columns); columns are read left to right. A region without
/// such a gap is split into bands at its widest horizontal gaps (all within 80 % of the widest), read top to bottom.
/// Trying columns first keeps two-column text whole even though both columns' line gaps line up; cutting at the
/// widest horizontal gaps first separates a title or footer that spans the columns. What cannot be cut is one
/// visual line (sub- and superscripts included): its fragments are joined left to right. Stateless and thread-safe.
/// </summary>
internal static class ReadingOrder
{
    private const double MinColumnGap = 0.8;
    private const double MinColumnShare = 0.2;
    private const double BandGapShare = 0.8;
    private const double WordGap = 0.15;
    private const int MaxDepth = 100;
    private const double LineSplit = 0.5;

    public static void Lines(List<TextFragment> fragments, StringBuilder text, List<PdfLine> lines)
    {
        if (fragments.Count == 0)
        {
            return;
        }

        var order = new int[fragments.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Cut(fragments, order.AsSpan(), 0, text, lines);
    }

    private static void Cut(List<TextFragment> fragments, Span<int> region, int depth, StringBuilder text, List<PdfLine> lines)
    {
        if (region.Length > 1 && depth < MaxDepth)
        {
            var split = TryColumns(fragments, region);
            if (split > 0)
            {
                Cut(fragments, region[..split], depth + 1, text, lines);
                Cut(fragments, region[split..], depth + 1, text, lines);
                return;
            }

            if (TryBands(fragments, region, depth, text, lines))
            {
                return;
            }
        }
        else if (depth >= MaxDepth)
        {
            // A pathological page (thousands of ever-smaller gaps): read the rest top to bottom.
            Sort(region, fragments, byTop: true);
            foreach (var index in region)
            {
                EmitLine(fragments, [index], text, lines);
            }

            return;
        }

        EmitLine(fragments, region, text, lines);
    }

    /// <summary>Sorts the region top down and cuts it at its widest horizontal gaps; false when no gap runs across it.</summary>
    private static bool TryBands(List<TextFragment> fragments, Span<int> region, int depth, StringBuilder text, List<PdfLine> lines)
    {
        Sort(region, fragments, byTop: true);
        var widest = 0.0;
        var bottom = fragments[region[0]].Bottom;
        for (var i = 1; i < region.Length; i++)
        {
            widest = Math.Max(widest, bottom - fragments[region[i]].Top);
            bottom = Math.Min(bottom, fragments[region[i]].Bottom);
        }

        if (widest <= 0)
        {
            return false;
        }

        var start = 0;
        bottom = fragments[region[0]].Bottom;
        for (var i = 1; i < region.Length; i++)
        {
            var gap = bottom - fragments[region[i]].Top;
            bottom = Math.Min(bottom, fragments[region[i]].Bottom);
            if (gap > 0 && gap >= BandGapShare * widest)
            {
                Cut(fragments, region[start..i], depth + 1, text, lines);
                start = i;
            }
        }

        Cut(fragments, region[start..], depth + 1, text, lines);
        return true;
    }

    /// <summary>Sorts the region by left edge; returns how many fragments lie left of the best column gap, or 0.</summary>
    private static int TryColumns(List<TextFragment> fragments, Span<int> region)
    {
        Sort(region, fragments, byTop: false);
        double left = double.MaxValue, right = double.MinValue, sizes = 0;
        var letters = 0;
        foreach (var index in region)
        {
            var fragment = fragments[index];
            left = Math.Min(left, fragment.Left);
            right = Math.Max(right, fragment.Right);
            sizes += fragment.SizeSum;
            letters += fragment.Letters;
        }

        var minGap = MinColumnGap * sizes / Math.Max(1, letters);
        var minSide = MinColumnShare * (right - left);
        var best = 0;
        var bestGap = 0.0;
        var reach = fragments[region[0]].Right;
        for (var i = 1; i < region.Length; i++)
        {
            var next = fragments[region[i]];
            var gap = next.Left - reach;
            if (gap >= minGap && gap > bestGap && reach - left >= minSide && right - next.Left >= minSide)
            {
                best = i;
                bestGap = gap;
            }

            reach = Math.Max(reach, next.Right);
        }

        return best;
    }

    /// <summary>
    /// Emits a region that no cut separates. Usually that is one line; but a tall glyph (a radical, a big operator)
    /// can bridge two lines, so baselines more than half an em apart still become separate lines, top first.
    /// </summary>
    private static void EmitLine(List<TextFragment> fragments, Span<int> region, StringBuilder text, List<PdfLine> lines)
    {
        double highest = double.MinValue, lowest = double.MaxValue, size = 0;
        foreach (var index in region)
        {
            highest = Math.Max(highest, fragments[index].Baseline);
            lowest = Math.Min(lowest, fragments[index].Baseline);
            size = Math.Max(size, fragments[index].Size);
        }

        if (highest - lowest <= LineSplit * size)
        {
            EmitSingleLine(fragments, region, text, lines);
            return;
        }

        region.Sort((a, b) => fragments[b].Baseline.CompareTo(fragments[a].Baseline));
        var start = 0;
        for (var i = 1; i <= region.Length; i++)
        {
            if (i == region.Length || fragments[region[i - 1]].Baseline - fragments[region[i]].Baseline > LineSplit * size)
            {
                EmitSingleLine(fragments, region[start..i], text, lines);
                start = i;
            }
        }
    }

    private static void EmitSingleLine(List<TextFragment> fragments, Span<int> region, StringBuilder text, List<PdfLine> lines)
    {
        Sort(region, fragments, byTop: false);
        var line = new StringBuilder();
        double left = double.MaxValue, right = double.MinValue;
        var main = fragments[region[0]];
        TextFragment? previous = null;
        foreach (var index in region)
        {
            var fragment = fragments[index];
            if (previous is { } before)
            {
                var gap = fragment.Left - before.Right;
                var unit = Math.Min(before.Size, fragment.Size);
                if (gap > WordGap * unit || gap < -0.5 * unit)
                {
                    line.Append(' ');
                }
            }

            line.Append(text, fragment.Start, fragment.Length);
            left = Math.Min(left, fragment.Left);
            right = Math.Max(right, fragment.Right);
            main = fragment.Letters > main.Letters ? fragment : main;
            previous = fragment;
        }

        lines.Add(new PdfLine(line.ToString(), left, right, main.Baseline, main.Size));
    }

    private static void Sort(Span<int> region, List<TextFragment> fragments, bool byTop)
    {
        if (byTop)
        {
            region.Sort((a, b) => fragments[b].Top.CompareTo(fragments[a].Top));
        }
        else
        {
            region.Sort((a, b) => fragments[a].Left.CompareTo(fragments[b].Left));
        }
    }
}
