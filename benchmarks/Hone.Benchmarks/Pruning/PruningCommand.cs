using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Hone.Benchmarks.Infrastructure;
using Hone.Samples.Digits.Data;
using Spectre.Console;

namespace Hone.Benchmarks.Pruning;

/// <summary>Runs the <c>pruning</c> benchmark: how many epochs each pruner saves on the digits MLP, and at what
/// cost in the best validation error.</summary>
internal sealed class PruningCommand : Command
{
    /// <summary>The benchmark's name: the subcommand and its section markers in docs/benchmarks.md.</summary>
    public const string BenchmarkName = "pruning";

    private readonly Option<int> _trials = Positive("--trials", "Trials per study.", 100);
    private readonly Option<int> _seeds = Positive("--seeds", "Studies per pruner (seeds first-seed, +1, ...).", 5);
    private readonly Option<int> _epochs = Positive("--epochs", "Epochs of a trial that is not pruned.", 20);
    private readonly Option<int> _parallel = Positive("--parallel", "Studies run at once, one thread each.", 2);

    private readonly Option<int> _firstSeed = new("--first-seed")
    {
        Description = "The seed of the first study.",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<string[]> _pruners = new("--pruners")
    {
        Description = "The pruners to compare, comma-separated: " + string.Join(", ", PruningBenchmark.Names)
            + " (hyperband-default with the library's defaults, the others as the digits sample sets them).",
        DefaultValueFactory = _ => ["none", "median", "asha", "hyperband", "hyperband-default"],
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result => [.. result.Tokens.SelectMany(t => t.Value.Split(',',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
    };

    private readonly Option<bool> _noDocs = new("--no-docs")
    {
        Description = "Print the results without writing docs/benchmarks.md.",
    };

    public PruningCommand()
        : base(BenchmarkName, "Epochs trained and best validation error of the digits MLP study under each pruner.")
    {
        Options.Add(_trials);
        Options.Add(_seeds);
        Options.Add(_firstSeed);
        Options.Add(_epochs);
        Options.Add(_pruners);
        Options.Add(_parallel);
        Options.Add(_noDocs);
        _pruners.Validators.Add(result =>
        {
            foreach (string name in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!PruningBenchmark.Names.Contains(name))
                {
                    result.AddError($"--pruners takes {string.Join(", ", PruningBenchmark.Names)}, but got '{name}'.");
                }
            }
        });
        SetAction(Execute);
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

    private int Execute(ParseResult parse)
    {
        // Redirected output gets 80 columns, too narrow for the table; a log file has no width to keep to.
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 170);
        }

        var settings = new PruningSettings(
            parse.GetValue(_trials),
            parse.GetValue(_seeds),
            parse.GetValue(_firstSeed),
            parse.GetValue(_epochs),
            parse.GetValue(_pruners) ?? [],
            parse.GetValue(_parallel),
            !parse.GetValue(_noDocs));
        string? root = Repository.FindRoot();
        string? dataPath = root is null ? null : DatasetLoader.FindDefault(root);
        if (dataPath is null)
        {
            AnsiConsole.MarkupLine(Markup.Escape(
                $"Found no {DatasetLoader.DefaultRelativePath}: run from inside the repository."));
            return 1;
        }

        bool optimized = BuildCheck.AreOptimized(typeof(Study).Assembly, typeof(PruningCommand).Assembly);
        if (!optimized)
        {
            AnsiConsole.MarkupLine("[yellow]This is a Debug build: the figures mean little and docs/benchmarks.md "
                + "is left alone. Run with -c Release.[/]");
        }

        var gate = new Lock();
        int done = 0;
        int total = settings.Seeds * settings.Pruners.Count;
        long begin = Stopwatch.GetTimestamp();
        var runs = PruningBenchmark.Run(settings, dataPath, run =>
        {
            lock (gate)
            {
                done++;
                AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{done}/{total}] {run.Pruner}, seed {run.Seed}: best {run.BestError * 100:F2}%, "
                    + $"{run.EpochsTrained} epochs, {run.Pruned} pruned, {run.Seconds:F1} s"));
            }
        });
        var report = new PruningReport(runs, settings, MachineInfo.Current(), CommandText.Current(),
            TimeProvider.System.GetUtcNow(), Stopwatch.GetElapsedTime(begin).TotalSeconds);
        report.Print();
        if (settings.WriteDocs && optimized)
        {
            BenchmarksDocument.Publish(BenchmarkName, report.ToMarkdown(), root);
        }

        return 0;
    }
}
