namespace Switchboard.Knowledge.Readers.Pdf;

/// <summary>One visual line of a PDF page in reading order, with its box and the font size of most of its letters.</summary>
internal readonly record struct PdfLine(string Text, double Left, double Right, double Baseline, double Size);
