namespace Switchboard.Bench.Knowledge.Pdf;

/// <summary>The <c>pdf</c> verb's settings.</summary>
internal sealed record PdfBenchOptions(string File, string GroundTruth, int Rounds, string? Pdftotext, int Parallel, string? OutDir, bool PdfPigWords);
