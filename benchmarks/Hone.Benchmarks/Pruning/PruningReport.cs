using System.Globalization;
using System.Text;
using Hone.Benchmarks.Infrastructure;
using Hone.Benchmarks.Quality;
using Spectre.Console;

namespace Hone.Benchmarks.Pruning;

/// <summary>Presents the pruning benchmark: a console table and the Markdown section of docs/benchmarks.md.</summary>
/// <param name="Runs">Every study.</param>
/// <param name="Settings">The options of the run.</param>
/// <param name="Machine">The machine it ran on.</param>
/// <param name="Command">The command line that produced it.</param>
/// <param name="Date">When it ran.</param>
/// <param name="TotalSeconds">The wall time of the whole run.</param>
internal sealed record PruningReport(
    IReadOnlyList<PruningRun> Runs,
    PruningSettings Settings,
    MachineInfo Machine,
    string Command,
    DateTimeOffset Date,
    double TotalSeconds)
{
    /// <summary>How far (in percentage points) a pruner's median best error may lie above no pruning's.</summary>
    public const double ErrorTolerancePoints = 0.5;

    /// <summary>The largest share of no pruning's epochs a pruner may train.</summary>
    public const double EpochShareLimit = 0.40;

    /// <summary>The pruners the issue sets the target for.</summary>
    public static readonly string[] Targeted = ["hyperband", "asha"];

    private static readonly string[] Headers =
    [
        "Pruner", "Best error, median [Q1, Q3]", "Epochs trained (median)", "Share of no pruning", "Pruned trials",
        "Study s (median)",
    ];

    /// <summary>Writes the table and the verdicts to the console.</summary>
    public void Print()
    {
        var table = new Table { Title = new TableTitle(Invariant(
            $"Digits MLP, {Settings.Trials} trials x {Settings.Seeds} seeds, Hone TPE; medians over seeds")) };
        foreach (string header in Headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
        }

        foreach (string[] row in Rows())
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(Machine.ToString());
        foreach (string line in Verdicts())
        {
            AnsiConsole.MarkupLine(Markup.Escape(line));
        }
    }

    /// <summary>Returns the section of docs/benchmarks.md, without its markers.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder("## pruning: epochs saved on the digits MLP\n\n");
        Markdown.AppendParagraph(text, Invariant(
            $"The digits sample's study ({Settings.Trials} trials of up to {Settings.Epochs} epochs, one report ")
            + "per epoch, Hone's default TPE sampler) under each pruner as the sample sets it up: `hyperband` is "
            + Invariant($"`HyperbandPruner` with MinResource 1, MaxResource {Settings.Epochs} and η = 4, `asha` ")
            + "`SuccessiveHalvingPruner` with its defaults (automatic MinResource, η = 4), `median` `MedianPruner` "
            + "with its defaults; `hyperband-default` is `HyperbandPruner` with its defaults (automatic "
            + "MaxResource, η = 3), for comparison (`DigitsPruners` says why the sample uses η = 4); "
            + Invariant($"`none` no pruning. Seeds {Settings.FirstSeed} to {Settings.FirstSeed + Settings.Seeds - 1}")
            + " set the sampler, the train/validation split and the initial weights, the same for every pruner. "
            + "Each study runs its trials one at a time, "
            + Invariant($"{Settings.Parallel} studies at a time. The best error is the validation error rate of the ")
            + "best trial (359 validation rows: one row is 0.28 points).");
        text.Append("Command, from the repository root:\n\n```sh\n").Append(Command).Append("\n```\n\n");
        Markdown.AppendParagraph(text, Invariant(
            $"Run on {Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} (UTC) in ")
            + Invariant($"{TotalSeconds / 60:F1} min. Machine: {Machine}."));
        Markdown.AppendTable(text, Headers, Rows());
        text.Append('\n');
        foreach (string line in Verdicts())
        {
            Markdown.AppendParagraph(text, line);
        }

        Markdown.AppendParagraph(text, "Per study (best error %, epochs trained, pruned trials, seconds):");
        Markdown.AppendTable(text, ["Pruner", "Seed", "Best error %", "Epochs", "Pruned", "s"],
            Runs.Select(r => new[]
            {
                r.Pruner, Invariant($"{r.Seed}"), Invariant($"{r.BestError * 100:F2}"),
                Invariant($"{r.EpochsTrained}"), Invariant($"{r.Pruned}"), Invariant($"{r.Seconds:F1}"),
            }));
        return text.ToString();
    }

    private IEnumerable<string[]> Rows()
    {
        double? baseline = MedianEpochs("none");
        foreach (string pruner in Settings.Pruners)
        {
            var runs = Of(pruner);
            var error = Quantiles.Of(runs.Select(r => r.BestError * 100));
            double epochs = Quantiles.Of(runs.Select(r => (double)r.EpochsTrained)).Median;
            yield return
            [
                pruner,
                Invariant($"{error.Median:F2}% [{error.Q1:F2}, {error.Q3:F2}]"),
                Invariant($"{epochs:F0}"),
                baseline is { } b ? Format.Percent(epochs / b) : "—",
                Invariant($"{Quantiles.Of(runs.Select(r => (double)r.Pruned)).Median:F0}"),
                Invariant($"{Quantiles.Of(runs.Select(r => r.Seconds)).Median:F1}"),
            ];
        }
    }

    private IEnumerable<string> Verdicts()
    {
        if (MedianEpochs("none") is not { } baselineEpochs)
        {
            yield return "Target not checked: no pruning (`none`) did not run.";
            yield break;
        }

        double baselineError = MedianError("none");
        foreach (string pruner in Targeted.Where(Settings.Pruners.Contains))
        {
            double gap = (MedianError(pruner) - baselineError) * 100;
            double share = MedianEpochs(pruner)!.Value / baselineEpochs;
            bool met = gap <= ErrorTolerancePoints && share <= EpochShareLimit;
            yield return Invariant($"Target for {pruner}: median best error within {ErrorTolerancePoints} points of ")
                + Invariant($"no pruning ({gap:+0.00;-0.00;0.00} points) while training at most ")
                + Invariant($"{EpochShareLimit * 100:F0}% of its epochs ({share * 100:F0}%): ")
                + (met ? "met." : "not met.");
        }
    }

    private List<PruningRun> Of(string pruner) => [.. Runs.Where(r => r.Pruner == pruner)];

    private double MedianError(string pruner) => Quantiles.Of(Of(pruner).Select(r => r.BestError)).Median;

    private double? MedianEpochs(string pruner) => Of(pruner) is { Count: > 0 } runs
        ? Quantiles.Of(runs.Select(r => (double)r.EpochsTrained)).Median
        : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
