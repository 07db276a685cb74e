using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Hone.Benchmarks.Infrastructure;
using Spectre.Console;

namespace Hone.Benchmarks.Quality;

/// <summary>Runs the <c>quality</c> benchmark: the best value Hone's TPE finds on a suite of standard problems,
/// against Optuna's TPE, random search on both sides, and Hone's TPE with its options switched.</summary>
internal sealed class QualityCommand : Command
{
    /// <summary>The benchmark's name: the subcommand and its section markers in docs/benchmarks.md.</summary>
    public const string BenchmarkName = "quality";

    private readonly Option<string[]> _problems = new("--problems")
    {
        Description = "Problems to run, comma-separated: " + string.Join(", ", QualityProblems.Names) + ".",
        DefaultValueFactory = _ => [.. QualityProblems.Names],
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result => ParseNames(result, QualityProblems.Names),
    };

    private readonly Option<string[]> _variants = new("--variants")
    {
        Description = "Variants to run, comma-separated: " + string.Join(", ", QualityVariant.Families)
            + "; the batched ones run once per --batch size.",
        DefaultValueFactory = _ => [.. QualityVariant.Families],
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result => ParseNames(result, QualityVariant.Families),
    };

    private readonly Option<int> _seeds = Positive("--seeds", "Studies per problem and variant.", 20);

    private readonly Option<int> _seed = new("--seed")
    {
        Description = "The sampler seed of the first study; study s uses seed + s, on both sides.",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<int> _trials = Positive("--trials", "Trials per study.", 100);

    private readonly Option<int> _jobs = Positive("--jobs",
        "Studies run at once (each Optuna lane is its own Python process).", Environment.ProcessorCount);

    private readonly Option<int[]> _batch = new("--batch")
    {
        Description = "Batch sizes (simulated parallel workers) of the batched variants, comma-separated.",
        DefaultValueFactory = _ => [4, 16],
        AllowMultipleArgumentsPerToken = true,
        CustomParser = ParseBatches,
    };

    private readonly Option<int> _epochs = Positive("--epochs", "Training epochs per digits trial.", 4);

    private readonly Option<string> _python = new("--python")
    {
        Description = "The interpreter that runs the Optuna side; Debian's python3-optuna installs for this one.",
        DefaultValueFactory = _ => OptunaWorker.SystemPython,
    };

    private readonly Option<bool> _noOptuna = new("--no-optuna")
    {
        Description = "Run Hone's variants alone, even when Optuna is installed.",
    };

    private readonly Option<FileInfo?> _raw = new("--raw")
    {
        Description = "Also write every study's best value to this CSV file (problem,variant,seed,best,seconds).",
    };

    private readonly Option<bool> _noDocs = new("--no-docs")
    {
        Description = "Print the results without writing docs/benchmarks.md.",
    };

    public QualityCommand()
        : base(BenchmarkName, "Optimization quality: the best value after a number of trials on standard problems, "
            + "over many seeds; Hone's TPE (default and other settings) against Optuna's TPE and random search.")
    {
        Options.Add(_problems);
        Options.Add(_variants);
        Options.Add(_seeds);
        Options.Add(_seed);
        Options.Add(_trials);
        Options.Add(_jobs);
        Options.Add(_batch);
        Options.Add(_epochs);
        Options.Add(_python);
        Options.Add(_noOptuna);
        Options.Add(_raw);
        Options.Add(_noDocs);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        if (Console.IsOutputRedirected)
        {
            // The tables are wide; a log file should not wrap them at the 80 columns assumed without a terminal.
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
        }

        string[] names = parse.GetValue(_problems) ?? [.. QualityProblems.Names];
        string[] variantNames = parse.GetValue(_variants) ?? [.. QualityVariant.Families];
        int[] batches = parse.GetValue(_batch) ?? [4, 16];
        var settings = new QualitySettings(
            [.. QualityProblems.Names.Where(names.Contains)],
            QualityVariant.Create(variantNames, batches),
            parse.GetValue(_trials),
            parse.GetValue(_seed),
            parse.GetValue(_seeds),
            parse.GetValue(_jobs),
            batches,
            parse.GetValue(_epochs),
            parse.GetValue(_python) ?? OptunaWorker.SystemPython,
            !parse.GetValue(_noOptuna),
            !parse.GetValue(_noDocs));
        bool optimized = BuildCheck.AreOptimized(typeof(Study).Assembly, typeof(QualityCommand).Assembly);
        if (!optimized)
        {
            AnsiConsole.MarkupLine("[yellow]This is a Debug build: the values are the same, but it is slow and "
                + "docs/benchmarks.md is left alone. Run with -c Release.[/]");
        }

        string? root = Repository.FindRoot();
        var problems = QualityProblems.Create(settings.Problems, settings.Epochs, root);
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{settings.Problems.Count} problems × {settings.Variants.Count} variants × {settings.Seeds} seeds of "
            + $"{settings.Trials} trials, {settings.Jobs} at a time...")));
        var outcome = QualitySuite.Run(settings, problems);
        if (outcome.OptunaProblem is { } problem)
        {
            string color = outcome.OptunaFailed ? "red" : "yellow";
            AnsiConsole.MarkupLine($"[{color}]{Markup.Escape("Optuna: " + problem)}[/]");
        }

        if (outcome.OptunaFailed)
        {
            return 1;
        }

        if (parse.GetValue(_raw) is { } raw)
        {
            WriteRaw(raw, outcome.Runs);
        }

        var report = new QualityReport(outcome, problems, settings, MachineInfo.Current(), CommandText.Current(),
            TimeProvider.System.GetUtcNow());
        report.Print();
        if (settings.WriteDocs && optimized)
        {
            BenchmarksDocument.Publish(BenchmarkName, report.ToMarkdown(), root);
        }

        return 0;
    }

    private static void WriteRaw(FileInfo file, IEnumerable<QualityRun> runs)
    {
        var lines = runs.OrderBy(r => r.Problem, StringComparer.Ordinal).ThenBy(r => r.Variant, StringComparer.Ordinal)
            .ThenBy(r => r.Seed)
            .Select(r => string.Create(CultureInfo.InvariantCulture,
                $"{r.Problem},{r.Variant},{r.Seed},{r.Best:R},{r.Seconds:0.###}"));
        File.WriteAllLines(file.FullName, lines.Prepend("problem,variant,seed,best,seconds"));
        AnsiConsole.MarkupLine(Markup.Escape($"Wrote every study's result to {file.FullName}."));
    }

    private static Option<int> Positive(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{name} must be at least 1.");
            }
        });
        return option;
    }

    private static int[] ParseBatches(ArgumentResult result)
    {
        var sizes = new SortedSet<int>();
        foreach (var token in result.Tokens)
        {
            const StringSplitOptions Parts = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;
            foreach (string part in token.Value.Split(',', Parts))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size < 2)
                {
                    result.AddError($"--batch takes whole numbers of at least 2 such as 4,16, but got '{part}'.");
                    return [];
                }

                sizes.Add(size);
            }
        }

        return [.. sizes];
    }

    private static string[] ParseNames(ArgumentResult result, IReadOnlyList<string> known)
    {
        var names = new List<string>();
        foreach (var token in result.Tokens)
        {
            const StringSplitOptions Parts = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;
            foreach (string part in token.Value.Split(',', Parts))
            {
                if (!known.Contains(part, StringComparer.Ordinal))
                {
                    result.AddError($"'{part}' is not one of {string.Join(", ", known)}.");
                    return [];
                }

                names.Add(part);
            }
        }

        return [.. names];
    }
}
