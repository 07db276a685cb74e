using System.Globalization;
using System.Text;
using Hone.Benchmarks.Infrastructure;
using Hone.Benchmarks.Overhead;

namespace Hone.Benchmarks.Storage;

/// <summary>Presents the overhead part: per-trial overhead on every backend, and the comparison with Optuna's
/// RDBStorage on SQLite.</summary>
internal sealed class OverheadPartReport(OverheadPartResult result, StorageSettings settings, string command)
    : IStorageReport
{
    /// <summary>The issue's target: Optuna's time per trial on SQLite at least this many times Hone's.</summary>
    public const double TargetRatio = 20;

    /// <summary>The issue's target: the time per trial of the largest study at most this many times the smallest's.
    /// </summary>
    public const double TargetGrowth = 1.5;

    private static readonly string[] TimeHeaders =
        ["Storage", "Trials", "ms/trial", "Last 100 ms/trial", "ms/trial vs smallest", "In GC pauses"];

    private static readonly string[] RatioHeaders =
        ["Trials", "Hone SQLite ms/trial", "Optuna SQLite ms/trial", "Optuna/Hone"];

    /// <inheritdoc />
    public bool Failed => result.OptunaFailed;

    private int Smallest => settings.Sizes[0];

    private int Largest => settings.Sizes[^1];

    /// <inheritdoc />
    public void Print(MachineInfo machine)
    {
        StorageReport.PrintTable("Per-trial overhead by backend (median)", TimeHeaders, TimeRows());
        StorageReport.PrintTable("Hone and Optuna on SQLite", RatioHeaders, RatioRows());
        StorageReport.PrintLines([.. Notes(), machine.ToString(), .. Verdicts()]);
    }

    /// <inheritdoc />
    public string ToMarkdown(MachineInfo machine, DateTimeOffset date)
    {
        var text = new StringBuilder("## storage: per-trial overhead by backend\n\n");
        Markdown.AppendParagraph(text,
            "The time per trial with the random sampler on the zero-cost objective of the `overhead` benchmark "
            + $"({OverheadObjective.SpaceDescription}), for each storage, opened as users open it: "
            + "`InMemoryStorage` in memory, `StorageUrl.Open` for the others, with the relational provider "
            + "(`SqlStorageProvider`, which wraps each relational storage in a `CachedStorage`). Every study starts "
            + "empty: its own journal or SQLite file in a temporary folder (SQLite in WAL mode, synchronous=NORMAL), "
            + "or a new study in a database made for this run on the PostgreSQL and MariaDB servers of "
            + "`eng/test-servers.sh`, on the same machine over TCP loopback, with durability off as that script "
            + "starts them (PostgreSQL fsync=off and synchronous_commit=off, MariaDB "
            + "innodb_flush_log_at_trx_commit=2): a production server pays a disk flush per commit on top. "
            + $"Hone's figures are the medians over {HoneStudies()} (seeds from {settings.Common.Seed}), timed "
            + "around the optimize call after "
            + Invariant($"{settings.Common.WarmupSeconds:0.###} s of warm-up studies on the same backend. ")
            + "Optuna runs the same objective with `RandomSampler(seed)` on `optuna.storages.RDBStorage("
            + "\"sqlite:///...\")`, a fresh file per study, which `create_study` wraps in its own cache, with "
            + $"logging at WARNING; {OptunaStudies()}. \"Last 100\" is the time from the start of the "
            + "100th-to-last objective to the end of the study, per trial; \"In GC pauses\" the share of Hone's "
            + "timed runs during which the .NET garbage collector paused the process.");
        StorageReport.AppendRun(text, command, machine, date);
        Markdown.AppendTable(text, TimeHeaders, TimeRows());
        text.Append('\n');
        Markdown.AppendTable(text, RatioHeaders, RatioRows());
        text.Append('\n');
        foreach (string paragraph in Notes().Concat(Verdicts()))
        {
            Markdown.AppendParagraph(text, paragraph);
        }

        return text.ToString().TrimEnd() + "\n";
    }

    private string HoneStudies()
    {
        var counts = settings.Sizes.Select(settings.RepeatAt).Distinct().ToList();
        return counts.Count == 1
            ? (counts[0] == 1 ? "one study per size" : Invariant($"{counts[0]} studies per size"))
            : string.Join(" and ", settings.Sizes.GroupBy(settings.RepeatAt).Select(g =>
                $"{g.Key.ToString(CultureInfo.InvariantCulture)} {(g.Key == 1 ? "study" : "studies")} at "
                + string.Join(", ", g.Select(Format.Count)) + " trials"));
    }

    private string OptunaStudies() => result.OptunaProblem is { } problem
        ? $"it did not run: {problem}"
        : $"{result.OptunaFramework}; its figures are "
            + (settings.OptunaRepeat == 1
                ? "from one study per size"
                : Invariant($"medians of {settings.OptunaRepeat} studies per size"))
            + (settings.Sizes.All(settings.OptunaSizes.Contains)
                ? ""
                : ", and it runs only at the sizes given to --optuna-trials"
                    + (result.Optuna.Count > 0
                        ? $" (at {Format.Ms(result.Optuna[0].MsPerTrial)} ms per trial, {Format.Count(Largest)} "
                            + $"trials take {Largest * result.Optuna[0].MsPerTrial / 60_000:0} minutes or more)"
                        : ""))
            + ". Optuna's SQLAlchemy engine keeps SQLite's defaults (a rollback journal, synchronous=FULL: a disk "
            + "flush per commit), Hone sets WAL mode and synchronous=NORMAL (nothing committed is lost when a "
            + "process crashes; the last commits may be lost in a power cut)";

    private IEnumerable<string[]> TimeRows()
    {
        foreach (var backend in result.Backends)
        {
            if (backend.Problem is not null)
            {
                yield return [$"Hone, {backend.Label}", "—", "skipped", "skipped", "—", "—"];
                continue;
            }

            foreach (var size in backend.Sizes)
            {
                yield return Row($"Hone, {backend.Label}", size, Growth(backend.Sizes, size));
            }
        }

        string optuna = $"Optuna, SQLite (RDBStorage)";
        foreach (int trials in settings.Sizes)
        {
            yield return Optuna(trials) is { } size
                ? Row(optuna, size, Growth(result.Optuna, size))
                : [optuna, Format.Count(trials), "not run", "not run", "—", "—"];
        }
    }

    private static string[] Row(string label, OverheadSize size, double? growth) =>
    [
        label, Format.Count(size.Trials), Format.Ms(size.MsPerTrial), Format.Ms(size.TailMsPerTrial),
        growth is { } g ? Format.Ratio(g) : "—",
        size.GcPauseShare is { } gc ? Format.Percent(gc) : "—",
    ];

    private double? Growth(IReadOnlyList<OverheadSize> sizes, OverheadSize size) =>
        size.Trials != Smallest && sizes.FirstOrDefault(s => s.Trials == Smallest) is { } first
            ? size.MsPerTrial / first.MsPerTrial
            : null;

    private IEnumerable<string[]> RatioRows()
    {
        var sqlite = HoneSqlite();
        foreach (int trials in settings.Sizes)
        {
            var hone = sqlite?.Sizes.FirstOrDefault(s => s.Trials == trials);
            var optuna = Optuna(trials);
            yield return
            [
                Format.Count(trials),
                hone is null ? "not run" : Format.Ms(hone.MsPerTrial),
                optuna is null ? "not run" : Format.Ms(optuna.MsPerTrial),
                hone is null || optuna is null ? "—" : Format.Ratio(optuna.MsPerTrial / hone.MsPerTrial),
            ];
        }
    }

    private BackendOverhead? HoneSqlite() =>
        result.Backends.FirstOrDefault(b => b.Backend == StorageBackend.Sqlite && b.Problem is null);

    private OverheadSize? Optuna(int trials) => result.Optuna.FirstOrDefault(s => s.Trials == trials);

    private IEnumerable<string> Notes()
    {
        foreach (var backend in result.Backends.Where(b => b.Problem is not null))
        {
            yield return $"{backend.Label} was skipped: {backend.Problem}";
        }
    }

    private IEnumerable<string> Verdicts()
    {
        string ratio = TargetRatio.ToString(CultureInfo.InvariantCulture);
        var sqlite = HoneSqlite();
        var pairs = settings.Sizes.Select(trials =>
            (trials, Hone: sqlite?.Sizes.FirstOrDefault(s => s.Trials == trials), Optuna: Optuna(trials))).ToList();
        var verdicts = pairs.Select(p => p.Hone is null || p.Optuna is null
            ? $"{Format.Count(p.trials)} trials not measured"
                + (p.Optuna is null && result.OptunaProblem is null
                    ? $" (Optuna not run at that size: opt in with --optuna-trials {string.Join(',', settings.Sizes)})"
                    : "")
            : $"{Format.Count(p.trials)} trials {Format.Ratio(p.Optuna.MsPerTrial / p.Hone.MsPerTrial)}, "
                + StorageReport.Met(p.Optuna.MsPerTrial / p.Hone.MsPerTrial >= TargetRatio));
        yield return $"Target: Hone on SQLite at least {ratio}× faster per trial than Optuna on SQLite: "
            + string.Join("; ", verdicts) + ".";
        if (settings.Sizes.Count < 2)
        {
            yield break;
        }

        string growth = TargetGrowth.ToString(CultureInfo.InvariantCulture);
        var backends = result.Backends.Where(b => b.Problem is null).Select(b =>
        {
            double g = b.Sizes[^1].MsPerTrial / b.Sizes[0].MsPerTrial;
            return $"{b.Label} {Format.Ratio(g)}, {StorageReport.Met(g <= TargetGrowth)}";
        });
        yield return $"Target: Hone's time per trial at {Format.Count(Largest)} trials at most {growth}× that at "
            + $"{Format.Count(Smallest)}: {string.Join("; ", backends)}.";

        // A miss whose last trials are as fast as before is the cost of a growing heap, not of each trial.
        foreach (var b in result.Backends.Where(b => b.Problem is null
            && b.Sizes[^1].MsPerTrial / b.Sizes[0].MsPerTrial > TargetGrowth))
        {
            yield return $"{b.Label}: the last 100 of {Format.Count(Largest)} trials ran at "
                + $"{Format.Ms(b.Sizes[^1].TailMsPerTrial)} ms/trial "
                + $"({Format.Ratio(b.Sizes[^1].TailMsPerTrial / b.Sizes[0].MsPerTrial)} the figure at "
                + $"{Format.Count(Smallest)} trials), and garbage-collector pauses took "
                + $"{Format.Percent(b.Sizes[^1].GcPauseShare ?? 0)} of the run against "
                + $"{Format.Percent(b.Sizes[0].GcPauseShare ?? 0)}: what grows is the collector's work on a heap "
                + "that holds every finished trial, not the work per trial.";
        }
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
