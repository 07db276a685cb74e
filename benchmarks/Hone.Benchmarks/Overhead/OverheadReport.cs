using System.Globalization;
using System.Text;
using Hone.Benchmarks.Infrastructure;
using Spectre.Console;

namespace Hone.Benchmarks.Overhead;

/// <summary>Presents the overhead benchmark: a console table, and the Markdown section of docs/benchmarks.md.
/// </summary>
/// <param name="Hone">Hone's measurements.</param>
/// <param name="Optuna">Optuna's measurements, when Optuna ran.</param>
/// <param name="OptunaProblem">Why Optuna was not measured, when it was not.</param>
/// <param name="Settings">The shared options of the run.</param>
/// <param name="Machine">The machine it ran on.</param>
/// <param name="Command">The command line that produced it.</param>
/// <param name="Date">When it ran.</param>
internal sealed record OverheadReport(
    OverheadSide Hone,
    OverheadSide? Optuna,
    string? OptunaProblem,
    CommonSettings Settings,
    MachineInfo Machine,
    string Command,
    DateTimeOffset Date)
{
    /// <summary>The issue's target: Optuna's overhead per trial at least this many times Hone's.</summary>
    public const double TargetRatio = 20;

    private static readonly string[] TimeHeaders =
    [
        "Trials", "Over", "Hone ms/trial", "Optuna ms/trial", "Optuna/Hone",
    ];

    private static readonly string[] MemoryHeaders =
    [
        "Trials", "Hone allocated", "Hone retained", "Optuna retained", "Hone in GC",
    ];

    /// <summary>Gets whether Hone met the target at every size, over all trials; null when Optuna did not run.
    /// </summary>
    public bool? TargetMet => Optuna is null ? null : Pairs().All(p => Ratio(p) >= TargetRatio);

    /// <summary>Writes the tables and verdict to the console.</summary>
    public void Print()
    {
        AnsiConsole.WriteLine();
        AnsiConsole.Write(Table("Framework overhead per trial (median)", TimeHeaders, TimeRows()));
        AnsiConsole.Write(Table("Memory per trial (median)", MemoryHeaders, MemoryRows()));
        AnsiConsole.WriteLine(PeakMemoryLine());
        AnsiConsole.WriteLine(Machine.ToString());
        AnsiConsole.MarkupLine(Markup.Escape(Verdict()));
    }

    /// <summary>Returns the section of docs/benchmarks.md, without its markers.</summary>
    public string ToMarkdown()
    {
        string date = Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string studies = Settings.Repeat == 1
            ? Invariant($"one study (seed {Settings.Seed})")
            : Invariant($"{Settings.Repeat} fresh studies (seeds {Settings.Seed} to {LastSeed})");
        string optuna = Optuna is null ? $"Optuna not run: {OptunaProblem}" : $"Compared with {Optuna.Framework}.";
        var text = new StringBuilder("## overhead: framework overhead per trial\n\n");
        Markdown.AppendParagraph(text,
            "The time the framework itself spends per trial, with the random sampler, in-memory storage and no "
            + $"logging, on an objective that computes nothing: {OverheadObjective.SpaceDescription}. Each figure is "
            + $"the median over {studies}, timed around the optimize call after "
            + Invariant($"{Settings.WarmupSeconds:0.###} s of warm-up studies; Hone's and Optuna's runs alternate. ")
            + "\"Last 100\" is the time from the start of the 100th-to-last objective to the end of the study, per "
            + "trial. Optuna runs `RandomSampler(seed)` with `InMemoryStorage` and logging at WARNING, so it is not "
            + "charged for printing.");
        text.Append("Command, from the repository root:\n\n```sh\n").Append(Command).Append("\n```\n\n");
        Markdown.AppendParagraph(text, $"Run on {date} (UTC). Machine: {Machine}. {optuna}");
        Markdown.AppendTable(text, TimeHeaders, TimeRows());
        text.Append('\n');
        Markdown.AppendTable(text, MemoryHeaders, MemoryRows());
        text.Append('\n');
        Markdown.AppendParagraph(text,
            "Per trial. Allocated: managed bytes allocated during the timed runs. Retained: heap that the finished "
            + "study still holds, measured in a separate run (.NET: `GC.GetTotalMemory` after a full collection; "
            + "Python: `tracemalloc`). In GC: share of Hone's timed runs spent in garbage-collector pauses. "
            + PeakMemoryLine());
        Markdown.AppendParagraph(text, Verdict());
        return text.ToString().TrimEnd() + "\n";
    }

    private int LastSeed => Settings.Seed + Settings.Repeat - 1;

    private IEnumerable<(OverheadSize Hone, OverheadSize? Optuna)> Pairs() =>
        Hone.Sizes.Select(h => (h, Optuna?.Sizes.FirstOrDefault(o => o.Trials == h.Trials)));

    private IEnumerable<string[]> TimeRows() => Pairs().SelectMany(p => new[]
    {
        TimeRow(p.Hone.Trials, "all trials", p.Hone.MsPerTrial, p.Optuna?.MsPerTrial),
        TimeRow(p.Hone.Trials, "last 100", p.Hone.TailMsPerTrial, p.Optuna?.TailMsPerTrial),
    });

    private static string[] TimeRow(int trials, string over, double hone, double? optuna) =>
    [
        Format.Count(trials),
        over,
        Format.Ms(hone),
        optuna is { } o ? Format.Ms(o) : "—",
        optuna is { } r ? Format.Ratio(r / hone) : "—",
    ];

    private IEnumerable<string[]> MemoryRows() => Pairs().Select(p => new[]
    {
        Format.Count(p.Hone.Trials),
        p.Hone.AllocatedBytesPerTrial is { } a ? Format.KiB(a) : "—",
        p.Hone.RetainedBytesPerTrial is { } r ? Format.KiB(r) : "—",
        p.Optuna?.RetainedBytesPerTrial is { } o ? Format.KiB(o) : "—",
        p.Hone.GcPauseShare is { } g ? Format.Percent(g) : "—",
    });

    private string PeakMemoryLine() =>
        "Peak working set of the whole process (runtime or interpreter included): "
        + $"Hone {Format.MiB(Hone.PeakMemoryBytes)}"
        + (Optuna is null ? "." : $", Optuna {Format.MiB(Optuna.PeakMemoryBytes)}.");

    private string Verdict()
    {
        if (Optuna is null)
        {
            return $"Optuna did not run: {OptunaProblem} Hone's figures are shown alone.";
        }

        string ratio = TargetRatio.ToString(CultureInfo.InvariantCulture);
        string target = $"Target: Hone's overhead at most 1/{ratio} of Optuna's over all trials "
            + $"(Optuna/Hone ≥ {ratio})";
        var sizes = Pairs().Select(p =>
            $"{Format.Count(p.Hone.Trials)} trials {Format.Ratio(Ratio(p))}, "
            + (Ratio(p) >= TargetRatio ? "met" : "MISSED"));
        return $"{target}: {string.Join("; ", sizes)}.";
    }

    private static double Ratio((OverheadSize Hone, OverheadSize? Optuna) pair) =>
        pair.Optuna is { } optuna ? optuna.MsPerTrial / pair.Hone.MsPerTrial : double.NaN;

    private static Table Table(string title, string[] headers, IEnumerable<string[]> rows)
    {
        var table = new Table { Title = new TableTitle(title) };
        foreach (string header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned().NoWrap());
        }

        foreach (string[] row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        return table;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
