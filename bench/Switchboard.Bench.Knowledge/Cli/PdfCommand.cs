using System.CommandLine;
using System.Diagnostics;
using Switchboard.Bench.Knowledge.Pdf;
using Switchboard.Knowledge.Chunking;
using Switchboard.Knowledge.Documents;
using Switchboard.Knowledge.Evaluation;

namespace Switchboard.Bench.Knowledge.Cli;

/// <summary>
/// <c>pdf --file F --ground-truth T --rounds N [--pdftotext PATH] [--parallel P] [--pdfpig-words]</c>: pages/s of our
/// PDF reader, single thread, after one unmeasured (cold, JIT) round that is reported apart; with <c>--pdftotext</c>
/// the same number of pdftotext rounds alternate with ours; with <c>--parallel</c> above 1 both also run P files at
/// once (all cores); with <c>--pdfpig-words</c> PdfPig's default word extraction is measured too (the baseline).
/// Similarity of both outputs to the ground truth: word F1 (order-free) and ordered word F1 (<see cref="TextSimilarity"/>).
/// </summary>
internal static class PdfCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo>("--file") { Description = "The PDF to extract.", Required = true };
        var truth = new Option<FileInfo>("--ground-truth") { Description = "The reference text of the PDF.", Required = true };
        var rounds = new Option<int>("--rounds") { Description = "Measured rounds of each extractor.", DefaultValueFactory = _ => 5 };
        var pdftotext = new Option<string?>("--pdftotext") { Description = "Path of pdftotext, to measure side by side." };
        var parallel = new Option<int>("--parallel") { Description = "Files extracted at once for the all-cores figure (1: skip).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var keep = new Option<DirectoryInfo?>("--out-dir") { Description = "Where to write the extracted texts." };
        var baseline = new Option<bool>("--pdfpig-words") { Description = "Also measure PdfPig's default word extraction (the baseline before our reader)." };
        var command = new Command("pdf", "PDF extraction pages/s and similarity to a ground truth, optionally against pdftotext.")
        {
            file, truth, rounds, pdftotext, parallel, keep, baseline,
        };
        command.SetAction(result =>
        {
            var options = new PdfBenchOptions(
                result.GetValue(file)!.FullName, result.GetValue(truth)!.FullName, result.GetValue(rounds),
                result.GetValue(pdftotext), result.GetValue(parallel), result.GetValue(keep)?.FullName, result.GetValue(baseline));
            if (options.Rounds < 1 || options.Parallel < 1)
            {
                Console.Error.WriteLine("--rounds and --parallel must be at least 1");
                return 2;
            }

            Run(options);
            return 0;
        });
        return command;
    }

    private static void Run(PdfBenchOptions options)
    {
        var pdf = File.ReadAllBytes(options.File);
        var name = Path.GetFileName(options.File);
        var reference = File.ReadAllText(options.GroundTruth);
        var ours = new OurPdfExtractor();
        var outDir = options.OutDir ?? Directory.CreateTempSubdirectory("pdf-bench").FullName;
        Directory.CreateDirectory(outDir);
        var theirOutput = Path.Combine(outDir, "pdftotext.txt");

        var cold = Stopwatch.StartNew();
        var document = ours.Read(pdf, name);
        var coldSeconds = cold.Elapsed.TotalSeconds;
        var text = document.FullText;
        var pages = OurPdfExtractor.Pages(document);
        File.WriteAllText(Path.Combine(outDir, "switchboard.txt"), text);
        var tool = options.Pdftotext is null ? null : new Pdftotext(options.Pdftotext);
        tool?.Run(options.File, theirOutput);

        var ourTimes = new RoundTimes();
        var theirTimes = new RoundTimes();
        for (var round = 0; round < options.Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            ours.Read(pdf, name);
            ourTimes.Add(clock.Elapsed);
            if (tool is not null)
            {
                theirTimes.Add(tool.Run(options.File, theirOutput));
            }
        }

        ResultLines.Say($"{name}: {pages} pages, cold first round {coldSeconds:F3} s (JIT included, not counted)");
        Report("switchboard", pages, ourTimes, text, reference);
        ResultLines.Write("pages", pages);
        ResultLines.Write("switchboard_cold_seconds", coldSeconds);
        if (tool is not null)
        {
            Report("pdftotext", pages, theirTimes, File.ReadAllText(theirOutput), reference);
            ResultLines.Write("ratio", theirTimes.Median / ourTimes.Median);
        }

        Chunking(options, document);
        if (options.PdfPigWords)
        {
            Baseline(options, pdf, pages, reference, outDir);
        }

        if (options.Parallel > 1)
        {
            AllCores(options, pdf, name, pages, ours, tool, outDir);
        }
    }

    /// <summary>The chunker on the extracted document with the default options, same number of rounds.</summary>
    private static void Chunking(PdfBenchOptions options, ParsedDocument document)
    {
        var chunks = DocumentChunker.Chunk(document, new ChunkingOptions());
        var times = new RoundTimes();
        for (var round = 0; round < options.Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            DocumentChunker.Chunk(document, new ChunkingOptions());
            times.Add(clock.Elapsed);
        }

        ResultLines.Say($"chunking ({new ChunkingOptions().MaxTokens}/{new ChunkingOptions().OverlapTokens} tokens): {chunks.Count} chunks in {times.Median * 1000:F1} ms median");
        ResultLines.Write("chunks", chunks.Count);
        ResultLines.Write("chunking_milliseconds", times.Median * 1000);
    }

    /// <summary>PdfPig's default word extraction, measured the same way (a cold round first, then the rounds).</summary>
    private static void Baseline(PdfBenchOptions options, byte[] pdf, int pages, string reference, string outDir)
    {
        var text = PdfPigWordsExtractor.Read(pdf);
        File.WriteAllText(Path.Combine(outDir, "pdfpig-words.txt"), text);
        var times = new RoundTimes();
        for (var round = 0; round < options.Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            PdfPigWordsExtractor.Read(pdf);
            times.Add(clock.Elapsed);
        }

        Report("pdfpig_words", pages, times, text, reference);
    }

    private static void Report(string label, int pages, RoundTimes times, string text, string reference)
    {
        var f1 = TextSimilarity.WordF1(text, reference);
        var ordered = TextSimilarity.OrderedWordF1(text, reference);
        var rounds = string.Join(" / ", times.Seconds.Select(s => (pages / s).ToString("F0", System.Globalization.CultureInfo.InvariantCulture)));
        ResultLines.Say($"{label}: {pages / times.Median:F1} pages/s median ({rounds}), word F1 {f1:F4}, ordered word F1 {ordered:F4}");
        ResultLines.Write($"{label}_pages_per_second", pages / times.Median);
        ResultLines.Write($"{label}_best_pages_per_second", pages / times.Best);
        ResultLines.Write($"{label}_median_seconds", times.Median);
        ResultLines.Write($"{label}_word_f1", f1);
        ResultLines.Write($"{label}_ordered_word_f1", ordered);
    }

    /// <summary>P files at once, <c>rounds</c> times: our reader on P threads, pdftotext as P processes.</summary>
    private static void AllCores(PdfBenchOptions options, byte[] pdf, string name, int pages, OurPdfExtractor ours, Pdftotext? tool, string outDir)
    {
        var clock = Stopwatch.StartNew();
        Parallel.For(0, options.Parallel, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, _ =>
        {
            for (var round = 0; round < options.Rounds; round++)
            {
                ours.Read(pdf, name);
            }
        });
        var ourRate = options.Parallel * options.Rounds * pages / clock.Elapsed.TotalSeconds;
        ResultLines.Say($"switchboard, {options.Parallel} files at once: {ourRate:F1} pages/s");
        ResultLines.Write("switchboard_parallel_pages_per_second", ourRate);
        ResultLines.Write("parallel", options.Parallel);
        if (tool is null)
        {
            return;
        }

        clock.Restart();
        Parallel.For(0, options.Parallel, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, worker =>
        {
            for (var round = 0; round < options.Rounds; round++)
            {
                tool.Run(options.File, Path.Combine(outDir, $"pdftotext-{worker}.txt"));
            }
        });
        var theirRate = options.Parallel * options.Rounds * pages / clock.Elapsed.TotalSeconds;
        ResultLines.Say($"pdftotext, {options.Parallel} processes at once: {theirRate:F1} pages/s");
        ResultLines.Write("pdftotext_parallel_pages_per_second", theirRate);
    }
}
