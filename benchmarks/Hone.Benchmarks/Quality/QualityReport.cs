using System.Globalization;
using System.Text;
using Hone.Benchmarks.Infrastructure;
using Spectre.Console;

namespace Hone.Benchmarks.Quality;

/// <summary>Presents the quality suite: console tables, and the Markdown section of docs/benchmarks.md.</summary>
/// <param name="Outcome">The studies that ran.</param>
/// <param name="Problems">The problems, in report order.</param>
/// <param name="Settings">The options of the run.</param>
/// <param name="Machine">The machine it ran on.</param>
/// <param name="Command">The command line that produced it.</param>
/// <param name="Date">When it ran.</param>
internal sealed record QualityReport(
    QualityOutcome Outcome,
    IReadOnlyList<QualityProblem> Problems,
    QualitySettings Settings,
    MachineInfo Machine,
    string Command,
    DateTimeOffset Date)
{
    /// <summary>The significance level of every verdict.</summary>
    public const double Alpha = 0.05;

    /// <summary>Gets whether Hone's default met the issue's target; null when either default did not run.</summary>
    public bool? TargetMet
    {
        get
        {
            var comparisons = TargetComparisons().ToList();
            if (comparisons.Count == 0)
            {
                return null;
            }

            int better = comparisons.Count(c => c.Test is { } t && t.FirstSmaller && Median(c.Hone) < Median(c.Other));
            return comparisons.All(c => Verdict(c.Test) != "worse") && 2 * better >= comparisons.Count;
        }
    }

    /// <summary>Writes the tables and verdicts to the console.</summary>
    public void Print()
    {
        AnsiConsole.WriteLine();
        AnsiConsole.Write(Table("Hone's default TPE against Optuna's (best value after "
            + Invariant($"{Settings.Trials} trials, median [Q1, Q3] over {Settings.Seeds} seeds)"),
            TargetHeaders, TargetRows()));
        if (DefaultRows().Any())
        {
            AnsiConsole.Write(Table("Multivariate and Group, sequential (median best value; p: rank-sum against "
                + "the default)", DefaultHeaders, DefaultRows()));
        }

        if (LiarBatches.Count > 0)
        {
            AnsiConsole.Write(Table("ConstantLiar in batches (median best value; p: rank-sum, on against off)",
                LiarHeaders, LiarRows()));
        }

        AnsiConsole.Write(Table("Every variant", AllHeaders, AllRows()));
        AnsiConsole.Write(Table("Ranks of the medians", RankHeaders, RankRows()));
        AnsiConsole.WriteLine(Machine.ToString());
        foreach (string line in Conclusions())
        {
            AnsiConsole.MarkupLine(Markup.Escape(line));
        }
    }

    /// <summary>Returns the section of docs/benchmarks.md, without its markers.</summary>
    public string ToMarkdown()
    {
        string date = Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string optuna = Outcome.OptunaFramework is { } framework
            ? $"Compared with {framework}."
            : $"Optuna not run: {Outcome.OptunaProblem}";
        var text = new StringBuilder("## quality: best value found, Hone's TPE against Optuna's\n\n");
        Markdown.AppendParagraph(text,
            Invariant($"Each problem is minimized by {Settings.Seeds} independent studies of {Settings.Trials} ")
            + Invariant($"trials per variant (sampler seeds {Settings.FirstSeed} to {LastSeed}, the same for every ")
            + "variant), and the best value of each study is recorded. Tables show the median and the quartiles of "
            + "those best values; lower is better. p is the two-sided Wilcoxon–Mann–Whitney rank-sum test (exact "
            + "without ties, otherwise the normal approximation with tie and continuity corrections), and a "
            + Invariant($"difference counts as significant at p < {Alpha}. Every study is sequential except the ")
            + Invariant($"batched ones, which ask {BatchSizes} trials at a time and tell them when all are done, as ")
            + "that many parallel workers would (without threads, so that runs repeat exactly): the constant liar "
            + "changes nothing in a sequential study. Optuna runs `TPESampler(seed=seed)` and "
            + "`RandomSampler(seed=seed)` with default settings, and `TPESampler(multivariate=True, group=True, "
            + "constant_liar=True)`, the settings Optuna's next major version turns on. Before the runs the runner "
            + Invariant($"replays {SpaceCheck.Points} random points of every problem from Optuna in Hone and ")
            + "checks that the parameters, distributions and values agree.");
        text.Append("Problems:\n\n");
        foreach (var problem in Problems)
        {
            string optimum = problem.Optimum is { } o ? Invariant($" Minimum {o:G6}.") : "";
            text.Append("- `").Append(problem.Name).Append("`: ").Append(problem.Space).Append('.').Append(optimum)
                .Append(problem.EvaluatedByHone
                    ? " Optuna's side asks the runner for each value: the network is trained in C# for both."
                    : "")
                .Append('\n');
        }

        text.Append("\nCommand, from the repository root:\n\n```sh\n").Append(Command).Append("\n```\n\n");
        Markdown.AppendParagraph(text, $"Run on {date} (UTC) in {Minutes(Outcome.Elapsed)}, "
            + Invariant($"{Settings.Jobs} studies at a time. Machine: {Machine}. {Hone()}. {optuna}"));
        text.Append("### Hone's default against Optuna's default\n\n");
        Markdown.AppendTable(text, TargetHeaders, TargetRows());
        text.Append('\n');
        foreach (string line in Conclusions().Take(1))
        {
            Markdown.AppendParagraph(text, line);
        }

        if (DefaultRows().Any() || LiarBatches.Count > 0)
        {
            text.Append("### Hone's TPE options\n\n");
        }

        if (DefaultRows().Any())
        {
            Markdown.AppendParagraph(text,
                "Multivariate and Group, in sequential studies: the median best value of each setting, and p of its "
                + "rank-sum test against the default. Group changes nothing where every trial has the same "
                + "parameters (\"same\": identical studies).");
            Markdown.AppendTable(text, DefaultHeaders, DefaultRows());
            text.Append('\n');
        }

        if (LiarBatches.Count > 0)
        {
            Markdown.AppendParagraph(text,
                "ConstantLiar, in batched studies (the liar does nothing in sequential ones): the median best value "
                + "with the liar (the default) and without, per batch size, and p of their rank-sum test.");
            Markdown.AppendTable(text, LiarHeaders, LiarRows());
            text.Append('\n');
        }

        foreach (string line in Conclusions().Skip(1))
        {
            Markdown.AppendParagraph(text, line);
        }

        text.Append("### Every variant\n\n");
        Markdown.AppendTable(text, AllHeaders, AllRows());
        text.Append('\n');
        Markdown.AppendParagraph(text, "s/study: median wall time of one study, objective included (for digits, "
            + "mostly training). Optuna's time is measured in Python around `optimize`.");
        Markdown.AppendTable(text, RankHeaders, RankRows());
        text.Append('\n');
        Markdown.AppendParagraph(text, "Mean rank: each variant's median ranked among all variants per problem "
            + "(1 = lowest), averaged over the problems; ties share their mean rank.");
        return text.ToString().TrimEnd() + "\n";
    }

    private static readonly string[] TargetHeaders =
        ["Problem", "Hone TPE (default)", "Optuna TPE (default)", "p", "Hone's default is"];

    private static readonly string[] DefaultHeaders =
        ["Problem", "Default", "Multivariate=false", "p", "Group=false", "p", "JointCategoricals=true", "p"];

    private static readonly string[] AllHeaders =
        ["Problem", "Variant", "Median", "Q1", "Q3", "Min", "Max", "p vs Optuna TPE", "s/study"];

    private static readonly string[] RankHeaders = ["Variant", "Mean rank", "Lowest median on"];

    private string BatchSizes => Settings.Batches.Count == 1
        ? Settings.Batches[0].ToString(CultureInfo.InvariantCulture)
        : string.Join(", ", Settings.Batches.SkipLast(1).Select(b => b.ToString(CultureInfo.InvariantCulture)))
            + " or " + Settings.Batches[^1].ToString(CultureInfo.InvariantCulture);

    private int LastSeed => Settings.FirstSeed + Settings.Seeds - 1;

    private IEnumerable<(QualityProblem Problem, double[] Hone, double[] Other, RankSumResult? Test)>
        TargetComparisons() => Problems
        .Select(p => (p, Values(p, QualityVariant.HoneDefault), Values(p, QualityVariant.OptunaDefault)))
        .Where(c => c.Item2.Length > 0 && c.Item3.Length > 0)
        .Select(c => (c.p, c.Item2, c.Item3, (RankSumResult?)RankSum.Test(c.Item2, c.Item3)));

    private IEnumerable<string[]> TargetRows() => Problems.Select(problem =>
    {
        double[] hone = Values(problem, QualityVariant.HoneDefault);
        double[] other = Values(problem, QualityVariant.OptunaDefault);
        var test = hone.Length > 0 && other.Length > 0 ? RankSum.Test(hone, other) : null;
        return new[]
        {
            problem.Name, Summary(hone), Summary(other), P(test), Verdict(test) ?? "—",
        };
    });

    /// <summary>Gets the batch sizes at which both the liar and its absence ran.</summary>
    private List<int> LiarBatches => [.. Settings.Batches.Where(b =>
        Ran(QualityVariant.BatchName(b, liar: true)) && Ran(QualityVariant.BatchName(b, liar: false)))];

    private string[] LiarHeaders => [.. LiarBatches.SelectMany(b => new[]
        {
            Invariant($"Batches of {b}, liar"), "No liar", "p",
        }).Prepend("Problem")];

    private IEnumerable<string[]> DefaultRows()
    {
        string[] needed =
        [
            QualityVariant.HoneDefault, QualityVariant.HoneIndependent, QualityVariant.HoneNoGroup,
            QualityVariant.HoneJointCategoricals,
        ];
        if (!needed.All(Ran))
        {
            yield break;
        }

        foreach (var problem in Problems)
        {
            double[] standard = Values(problem, QualityVariant.HoneDefault);
            double[] independent = Values(problem, QualityVariant.HoneIndependent);
            double[] noGroup = Values(problem, QualityVariant.HoneNoGroup);
            double[] jointCategoricals = Values(problem, QualityVariant.HoneJointCategoricals);
            yield return
            [
                problem.Name,
                Value(Median(standard)),
                Value(Median(independent)),
                PAgainst(independent, standard),
                Value(Median(noGroup)),
                PAgainst(noGroup, standard),
                Value(Median(jointCategoricals)),
                PAgainst(jointCategoricals, standard),
            ];
        }
    }

    private IEnumerable<string[]> LiarRows() => Problems.Select(problem => LiarBatches.SelectMany(b =>
    {
        double[] on = Values(problem, QualityVariant.BatchName(b, liar: true));
        double[] off = Values(problem, QualityVariant.BatchName(b, liar: false));
        return new[] { Value(Median(on)), Value(Median(off)), PAgainst(on, off) };
    }).Prepend(problem.Name).ToArray());

    private IEnumerable<string[]> AllRows()
    {
        foreach (var problem in Problems)
        {
            double[] optuna = Values(problem, QualityVariant.OptunaDefault);
            foreach (var variant in Settings.Variants)
            {
                var runs = Runs(problem, variant.Name);
                if (runs.Count == 0)
                {
                    continue;
                }

                double[] values = [.. runs.Select(r => r.Best)];
                var q = Quantiles.Of(values);
                yield return
                [
                    problem.Name,
                    variant.Label,
                    Value(q.Median),
                    Value(q.Q1),
                    Value(q.Q3),
                    Value(values.Min()),
                    Value(values.Max()),
                    variant.Name == QualityVariant.OptunaDefault || optuna.Length == 0
                        ? "—"
                        : P(RankSum.Test(values, optuna)),
                    Statistics.Median(runs.Select(r => r.Seconds)).ToString("0.00", CultureInfo.InvariantCulture),
                ];
            }
        }
    }

    private IEnumerable<string[]> RankRows()
    {
        var ran = Settings.Variants.Where(v => Ran(v.Name)).ToList();
        var ranks = ran.ToDictionary(v => v.Name, _ => new List<double>());
        var lowest = ran.ToDictionary(v => v.Name, _ => 0);
        foreach (var problem in Problems)
        {
            var medians = ran.Where(v => Runs(problem, v.Name).Count > 0)
                .Select(v => (v.Name, Median: Median(Values(problem, v.Name)))).ToList();
            foreach (var (name, median) in medians)
            {
                int smaller = medians.Count(m => m.Median < median);
                int equal = medians.Count(m => m.Median == median);
                ranks[name].Add(smaller + ((equal + 1) / 2.0));
                if (smaller == 0)
                {
                    lowest[name]++;
                }
            }
        }

        return ran.OrderBy(v => ranks[v.Name].DefaultIfEmpty(double.NaN).Average()).Select(v => new[]
        {
            v.Label,
            ranks[v.Name].Count == 0 ? "—" : ranks[v.Name].Average().ToString("0.00", CultureInfo.InvariantCulture),
            Invariant($"{lowest[v.Name]} of {ranks[v.Name].Count}"),
        });
    }

    /// <summary>Returns the verdict against the target, then one line per option of Hone's TPE.</summary>
    private IEnumerable<string> Conclusions()
    {
        var comparisons = TargetComparisons().ToList();
        if (comparisons.Count == 0)
        {
            yield return "Hone's default and Optuna's default TPE did not both run: no verdict against the target.";
        }
        else
        {
            var worse = comparisons.Where(c => Verdict(c.Test) == "worse").Select(c => c.Problem.Name).ToList();
            var significant = comparisons.Where(c => Verdict(c.Test) == "better").Select(c => c.Problem.Name)
                .ToList();
            var lower = comparisons.Where(c => c.Test!.FirstSmaller && Median(c.Hone) < Median(c.Other))
                .Select(c => c.Problem.Name).ToList();
            string met = TargetMet == true ? "met" : "MISSED";
            yield return "Target: Hone's default TPE not significantly worse than Optuna's default TPE on any problem, "
                + "and better on at least half. "
                + Invariant($"Significantly worse on {worse.Count} of {comparisons.Count}{List(worse)}; ")
                + Invariant($"better (lower median and mean rank) on {lower.Count}{List(lower)}, of which ")
                + Invariant($"significantly on {significant.Count}{List(significant)}. Target {met}.");
        }

        if (DefaultRows().Any())
        {
            yield return Knob("Multivariate", QualityVariant.HoneDefault, QualityVariant.HoneIndependent,
                "sequential");
            yield return Knob("Group", QualityVariant.HoneDefault, QualityVariant.HoneNoGroup, "sequential");
            yield return Knob("JointCategoricals", QualityVariant.HoneJointCategoricals, QualityVariant.HoneDefault,
                "sequential");
        }

        foreach (int batch in LiarBatches)
        {
            yield return Knob("ConstantLiar", QualityVariant.BatchName(batch, liar: true),
                QualityVariant.BatchName(batch, liar: false), Invariant($"batches of {batch}"));
        }
    }

    /// <summary>Sums up one option: true against false, over the problems where the two differ.</summary>
    private string Knob(string option, string on, string off, string setting)
    {
        int lower = 0, higher = 0, better = 0, worse = 0, identical = 0;
        foreach (var problem in Problems)
        {
            double[] a = Values(problem, on);
            double[] b = Values(problem, off);
            if (a.Order().SequenceEqual(b.Order()))
            {
                identical++;
                continue;
            }

            var test = RankSum.Test(a, b);
            lower += Median(a) < Median(b) ? 1 : 0;
            higher += Median(a) > Median(b) ? 1 : 0;
            better += Verdict(test) == "better" ? 1 : 0;
            worse += Verdict(test) == "worse" ? 1 : 0;
        }

        int compared = Problems.Count - identical;
        string same = identical > 0 ? Invariant($" ({identical} identical, left out)") : "";
        string support = (better, worse) switch
        {
            (_, > 0) when better == 0 => "the suite favours false",
            ( > 0, 0) => "the suite favours true",
            ( > 0, > 0) => "mixed: significant either way on different problems",
            _ when compared == 0 => "no problem tells them apart",
            _ when lower > higher => "no significant difference; the medians lean towards true",
            _ when higher > lower => "no significant difference; the medians lean towards false",
            _ => "no significant difference",
        };
        string problems = compared == 1 ? "problem" : "problems";
        return Invariant($"{option}=true against false ({setting}), on {compared} {problems}{same}: lower median on ")
            + Invariant($"{lower}, higher on {higher}; significantly better on {better}, worse on {worse}: ")
            + $"{support}.";
    }

    private bool Ran(string variant) => Outcome.Runs.Any(r => r.Variant == variant);

    private List<QualityRun> Runs(QualityProblem problem, string variant) =>
        [.. Outcome.Runs.Where(r => r.Problem == problem.Name && r.Variant == variant).OrderBy(r => r.Seed)];

    private double[] Values(QualityProblem problem, string variant) =>
        [.. Runs(problem, variant).Select(r => r.Best)];

    private static string PAgainst(double[] values, double[] reference) =>
        values.Length == 0 || reference.Length == 0 ? "—"
        : values.Order().SequenceEqual(reference.Order()) ? "same"
        : P(RankSum.Test(values, reference));

    private static string? Verdict(RankSumResult? test) => test is null ? null
        : test.P >= Alpha ? "not significantly different"
        : test.FirstSmaller ? "better"
        : "worse";

    private static double Median(double[] values) => values.Length == 0 ? double.NaN : Statistics.Median(values);

    private static string Summary(double[] values)
    {
        if (values.Length == 0)
        {
            return "—";
        }

        var q = Quantiles.Of(values);
        return $"{Value(q.Median)} [{Value(q.Q1)}, {Value(q.Q3)}]";
    }

    private static string Value(double value) =>
        double.IsNaN(value) ? "—" : value.ToString("G4", CultureInfo.InvariantCulture);

    private static string P(RankSumResult? test) => test is null ? "—"
        : test.P < 0.001 ? "<0.001"
        : test.P.ToString("0.000", CultureInfo.InvariantCulture);

    private static string List(List<string> names) => names.Count == 0 ? "" : $" ({string.Join(", ", names)})";

    private static string Minutes(TimeSpan elapsed) => elapsed.TotalMinutes >= 1
        ? Invariant($"{elapsed.TotalMinutes:0.0} min")
        : Invariant($"{elapsed.TotalSeconds:0} s");

    private static string Hone() => HoneQuality.Framework;

    private static Table Table(string title, string[] headers, IEnumerable<string[]> rows)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) };
        foreach (string header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
        }

        foreach (string[] row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        return table;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
