using System.Globalization;
using System.Text;
using Hone.Benchmarks.Infrastructure;
using Spectre.Console;

namespace Hone.Benchmarks.TpeSpeed;

/// <summary>Presents the TPE speed benchmark: console tables, and the Markdown section of docs/benchmarks.md.
/// </summary>
/// <param name="Results">What was measured.</param>
/// <param name="Settings">The options of the run.</param>
/// <param name="Machine">The machine it ran on.</param>
/// <param name="Command">The command line that produced it.</param>
/// <param name="Date">When it ran.</param>
internal sealed record TpeSpeedReport(
    TpeSpeedResults Results, TpeSpeedSettings Settings, MachineInfo Machine, string Command, DateTimeOffset Date)
{
    /// <summary>The issue's target: Optuna's time per trial at least this many times Hone's, over all trials.
    /// </summary>
    public const double TargetRatio = 50;

    /// <summary>The issue's target for the long study, in seconds.</summary>
    public const double TargetLongSeconds = 60;

    /// <summary>The issue's target for memory: 500 MB.</summary>
    public const long TargetPeakBytes = 500_000_000;

    /// <summary>The largest growth exponent that counts as "at most linear": 1, plus room for noise.</summary>
    public const double TargetExponent = 1.1;

    private static readonly string[] CompareHeaders =
    [
        "Over", "Clock", "Hone ms/trial", "Hone indep. ms/trial", "Optuna ms/trial", "Optuna/Hone",
        "Optuna/Hone indep.",
    ];

    private static readonly string[] GrowthHeaders =
    [
        "Trials", "Finished (mean)", "Hone ms/trial", "Hone µs/finished", "Hone CPU µs/finished",
        "Indep. ms/trial", "Indep. µs/finished", "Indep. CPU µs/finished",
    ];

    private static readonly string[] RunHeaders =
    [
        "Sampler", "Trials", "Runs", "Study s (median)", "Study s (slowest)", "CPU s (median)", "Allocated/trial",
        "In GC",
    ];

    private TpeSpeedResults R => Results;

    /// <summary>Gets whether every target that could be checked was met.</summary>
    public bool AllTargetsMet => Verdicts().All(v => v.Met != false);

    /// <summary>Writes the tables and verdicts to the console.</summary>
    public void Print()
    {
        AnsiConsole.WriteLine();
        AnsiConsole.Write(Table(CompareTitle, CompareHeaders, CompareRows()));
        if (R.LongMultivariate is not null && R.LongIndependent is not null)
        {
            AnsiConsole.Write(Table(GrowthTitle, GrowthHeaders, GrowthRows()));
        }

        AnsiConsole.Write(Table("Studies", RunHeaders, RunRows()));
        AnsiConsole.WriteLine(PeakMemoryLine());
        AnsiConsole.WriteLine(MachineLine());
        foreach (var (text, met) in Verdicts())
        {
            string color = met switch { true => "green", false => "red", null => "yellow" };
            AnsiConsole.MarkupLine($"[{color}]{Markup.Escape(text)}[/]");
        }
    }

    /// <summary>Returns the section of docs/benchmarks.md, without its markers.</summary>
    public string ToMarkdown()
    {
        var common = Settings.Common;
        string date = Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string optuna = R.Optuna is null
            ? $"Optuna not run: {R.OptunaProblem}"
            : $"Compared with {R.OptunaFramework}.";
        var text = new StringBuilder("## tpe-speed: TPE sampler time per trial\n\n");
        Markdown.AppendParagraph(text,
            "The time per trial of the TPE sampler, in-memory storage and no logging, on an objective that costs "
            + $"nothing: {TpeSpeedObjective.SpaceDescription}. Hone runs `new TpeSampler(new TpeSamplerOptions "
            + "{ Seed = s })` with its defaults (multivariate), and the same with `Multivariate = false` "
            + "(independent TPE, as Optuna's default is); Optuna runs `TPESampler(seed=s)` with its defaults, "
            + "`InMemoryStorage` and logging at WARNING. "
            + Invariant($"At {Format.Count(Settings.Trials)} trials the figures are medians over ")
            + Invariant($"{Studies(common.Repeat)} for Hone and {Studies(Settings.OptunaRepeat)} for Optuna, ")
            + "whose runs alternate with Hone's; "
            + (R.LongMultivariate is null
                ? ""
                : Invariant($"at {Format.Count(Settings.LongTrials)} trials Hone runs alone, ")
                    + Invariant($"median over {Studies(Settings.LongRepeat)}. "))
            + Invariant($"Both sides first warm up for {common.WarmupSeconds:0.###} s. ")
            + "A trial's time runs from the start of its objective to the start of the next one, so it holds the "
            + "tell, the next ask and its ten suggestions; \"last 100\" is the time from the start of the "
            + "100th-to-last objective to the end of the study, per trial. Wall is the wall clock, which the "
            + "targets are stated in; CPU is the processor time of the whole process (all threads, garbage "
            + "collector and JIT included; Python's `time.process_time`), which other work on a busy machine "
            + "disturbs far less.");
        text.Append("Command, from the repository root:\n\n```sh\n").Append(Command).Append("\n```\n\n");
        Markdown.AppendParagraph(text, $"Run on {date} (UTC). Machine: {MachineLine()}. {optuna}");
        text.Append("**").Append(CompareTitle).Append("**\n\n");
        Markdown.AppendTable(text, CompareHeaders, CompareRows());
        text.Append('\n');
        if (R.LongMultivariate is not null && R.LongIndependent is not null)
        {
            text.Append("**").Append(GrowthTitle).Append("**\n\n");
            Markdown.AppendTable(text, GrowthHeaders, GrowthRows());
            text.Append('\n');
            Markdown.AppendParagraph(text,
                "µs/finished: the window's time per trial (wall, or CPU where marked) divided by the mean number "
                + "of trials finished before each of its trials; it stays flat or falls when the cost of a trial "
                + "grows at most linearly with the finished trials. \"Indep.\" is Hone with Multivariate = false. "
                + "The first window holds the 10 random start-up trials; the growth exponent below leaves it out.");
        }

        text.Append("**Studies**\n\n");
        Markdown.AppendTable(text, RunHeaders, RunRows());
        text.Append('\n');
        Markdown.AppendParagraph(text,
            "Study s: the whole optimize call, wall clock; CPU s: its processor time. Allocated: managed bytes "
            + "allocated per trial. In GC: share of the study spent in garbage-collector pauses. "
            + PeakMemoryLine());
        text.Append("Targets (issue 3):\n\n");
        foreach (var (verdict, _) in Verdicts())
        {
            AppendBullet(text, verdict);
        }

        return text.ToString().TrimEnd() + "\n";
    }

    private string CompareTitle => $"Time per trial at {Format.Count(Settings.Trials)} trials (median)";

    private string GrowthTitle =>
        $"Hone's time per trial by window of {Format.Count(Settings.Window)} trials, "
        + $"{Format.Count(Settings.LongTrials)}-trial studies (median)";

    private IEnumerable<string[]> CompareRows()
    {
        foreach (bool cpu in new[] { false, true })
        {
            yield return CompareRow("all trials", cpu, s => s.MsPerTrial(cpu));
            yield return CompareRow("last 100", cpu, s => s.TailMsPerTrial(cpu));
        }
    }

    private string[] CompareRow(string over, bool cpu, Func<TpeSpeedSeries, double> figure)
    {
        double multivariate = figure(R.Multivariate);
        double independent = figure(R.Independent);
        double? optuna = R.Optuna is { } o ? figure(o) : null;
        return
        [
            over,
            cpu ? "CPU" : "wall",
            Format.Ms(multivariate),
            Format.Ms(independent),
            optuna is { } ms ? Format.Ms(ms) : "—",
            optuna is { } a ? Format.Ratio(a / multivariate) : "—",
            optuna is { } b ? Format.Ratio(b / independent) : "—",
        ];
    }

    private IEnumerable<(int From, int To)> Windows()
    {
        int size = Math.Max(1, Settings.Window);
        for (int from = 0; from < Settings.LongTrials; from += size)
        {
            yield return (from, Math.Min(from + size, Settings.LongTrials));
        }
    }

    private static double MeanFinished((int From, int To) window) => (window.From + window.To - 1) / 2.0;

    private IEnumerable<string[]> GrowthRows()
    {
        foreach (var window in Windows())
        {
            double n = MeanFinished(window);
            var row = new List<string>
            {
                Invariant($"{Format.Count(window.From)}–{Format.Count(window.To)}"),
                n.ToString("N1", CultureInfo.InvariantCulture),
            };
            foreach (var series in new[] { R.LongMultivariate!, R.LongIndependent! })
            {
                double wall = series.WindowMsPerTrial(window.From, window.To, cpu: false);
                double cpu = series.WindowMsPerTrial(window.From, window.To, cpu: true);
                row.Add(Format.Ms(wall));
                row.Add(Format.Ms(wall * 1000 / n));
                row.Add(Format.Ms(cpu * 1000 / n));
            }

            yield return [.. row];
        }
    }

    private IEnumerable<string[]> RunRows()
    {
        TpeSpeedSeries?[] all = [R.Multivariate, R.Independent, R.Optuna, R.LongMultivariate, R.LongIndependent];
        foreach (var series in all)
        {
            if (series is null)
            {
                continue;
            }

            yield return
            [
                series.Label,
                Format.Count(series.Trials),
                Format.Count(series.Runs.Count),
                Invariant($"{series.TotalSeconds:0.00}"),
                Invariant($"{series.MaxTotalSeconds:0.00}"),
                Invariant($"{series.TotalCpuSeconds:0.00}"),
                series.AllocatedBytesPerTrial is { } a ? Format.KiB(a) : "—",
                series.GcPauseShare is { } g ? Format.Percent(g) : "—",
            ];
        }
    }

    /// <summary>Returns the least-squares slope of log(ms/trial) against log(mean finished trials) over the
    /// windows after the first; <see langword="null"/> with fewer than two such windows.</summary>
    private double? GrowthExponent(TpeSpeedSeries series, bool cpu)
    {
        var points = Windows().Skip(1)
            .Select(w => (X: Math.Log(MeanFinished(w)), Y: Math.Log(series.WindowMsPerTrial(w.From, w.To, cpu))))
            .ToList();
        if (points.Count < 2)
        {
            return null;
        }

        double meanX = points.Average(p => p.X);
        double meanY = points.Average(p => p.Y);
        double covariance = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        double variance = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return covariance / variance;
    }

    private IEnumerable<(string Text, bool? Met)> Verdicts()
    {
        string ratio = TargetRatio.ToString(CultureInfo.InvariantCulture);
        if (R.Optuna is { } optuna)
        {
            double multivariate = optuna.MsPerTrial(cpu: false) / R.Multivariate.MsPerTrial(cpu: false);
            double independent = optuna.MsPerTrial(cpu: false) / R.Independent.MsPerTrial(cpu: false);
            double multivariateCpu = optuna.MsPerTrial(cpu: true) / R.Multivariate.MsPerTrial(cpu: true);
            double independentCpu = optuna.MsPerTrial(cpu: true) / R.Independent.MsPerTrial(cpu: true);
            bool met = multivariate >= TargetRatio;
            yield return (
                $"Speed, Optuna/Hone ≥ {ratio}× in wall time over all {Format.Count(Settings.Trials)} trials: "
                + $"{Format.Ratio(multivariate)} with Hone's defaults, {(met ? "met" : "MISSED")}; "
                + $"{Format.Ratio(independent)} with Multivariate = false "
                + $"({(independent >= TargetRatio ? "met" : "missed")} for that variant too). In CPU time "
                + $"{Format.Ratio(multivariateCpu)} and {Format.Ratio(independentCpu)}. Optuna "
                + $"{Format.Ms(optuna.MsPerTrial(cpu: false))} ms/trial, Hone "
                + $"{Format.Ms(R.Multivariate.MsPerTrial(cpu: false))} and "
                + $"{Format.Ms(R.Independent.MsPerTrial(cpu: false))} (wall).",
                met);
        }
        else
        {
            yield return ($"Speed, Optuna/Hone ≥ {ratio}×: not checked, Optuna did not run ({R.OptunaProblem}).",
                null);
        }

        if (R.LongMultivariate is { } longMultivariate && R.LongIndependent is { } longIndependent)
        {
            if (GrowthExponent(longMultivariate, cpu: true) is { } em
                && GrowthExponent(longIndependent, cpu: true) is { } ei)
            {
                double wm = GrowthExponent(longMultivariate, cpu: false)!.Value;
                double wi = GrowthExponent(longIndependent, cpu: false)!.Value;
                bool metM = em <= TargetExponent;
                bool metI = ei <= TargetExponent;
                yield return (
                    "Growth, the cost of a trial at most linear in the finished trials n: in CPU time a trial costs "
                    + Invariant($"∝ n^{em:0.00} with Hone's defaults, {(metM ? "met" : "MISSED")}, and ")
                    + Invariant($"n^{ei:0.00} with Multivariate = false, {(metI ? "met" : "MISSED")} ")
                    + Invariant($"(wall clock: n^{wm:0.00} and n^{wi:0.00}). Exponent: least-squares slope of ")
                    + "log ms/trial against log mean finished trials over the windows after the first; "
                    + Invariant($"≤ {TargetExponent:0.0} counts as linear."),
                    metM && metI);
            }
            else
            {
                yield return ("Growth: not checked, fewer than three windows (see --window).", null);
            }

            bool fast = longMultivariate.MaxTotalSeconds < TargetLongSeconds;
            yield return (
                Invariant($"Time, {Format.Count(Settings.LongTrials)} trials in under {TargetLongSeconds:0} s: ")
                + Invariant($"{longMultivariate.MaxTotalSeconds:0.0} s with Hone's defaults (slowest run; ")
                + Invariant($"CPU {longMultivariate.TotalCpuSeconds:0.0} s), ") + (fast ? "met" : "MISSED")
                + Invariant($"; {longIndependent.MaxTotalSeconds:0.0} s with Multivariate = false (CPU ")
                + Invariant($"{longIndependent.TotalCpuSeconds:0.0} s)."),
                fast);
        }
        else
        {
            yield return ("Growth and time of the long study: not checked, it did not run (--long-trials 0).", null);
        }

        bool small = R.HonePeakMemoryBytes < TargetPeakBytes;
        yield return (
            $"Memory under 500 MB: Hone's process peaked at {Format.MiB(R.HonePeakMemoryBytes)} "
            + Invariant($"({R.HonePeakMemoryBytes / 1e6:0} MB), ") + (small ? "met." : "MISSED."),
            small);
    }

    private string MachineLine() => R.LoadDuringRun is { } load
        ? $"{Machine}; load average during the run {load} (one-minute, every 10 s; the benchmark itself adds about 1)"
        : Machine.ToString();

    private string PeakMemoryLine() =>
        "Peak working set of the whole process (runtime or interpreter, warm-up and every study included): "
        + $"Hone {Format.MiB(R.HonePeakMemoryBytes)}"
        + (R.OptunaPeakMemoryBytes is { } o ? $", Optuna {Format.MiB(o)}." : ".");

    private string Studies(int count) => count == 1
        ? Invariant($"1 study (seed {Settings.Common.Seed})")
        : Invariant($"{count} studies (seeds {Settings.Common.Seed} to {Settings.Common.Seed + count - 1})");

    private static void AppendBullet(StringBuilder text, string bullet)
    {
        var paragraph = new StringBuilder();
        Markdown.AppendParagraph(paragraph, bullet);
        string[] lines = paragraph.ToString().TrimEnd().Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            text.Append(i == 0 ? "- " : "  ").Append(lines[i]).Append('\n');
        }
    }

    private static Table Table(string title, string[] headers, IEnumerable<string[]> rows)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) };
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
