using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Hone.Benchmarks.Infrastructure;
using Hone.Storages.Sql;
using Spectre.Console;

namespace Hone.Benchmarks.Storage;

/// <summary>Runs the <c>storage</c> benchmark: the per-trial overhead of every storage backend against Optuna's
/// RDBStorage on SQLite, the throughput of worker processes on PostgreSQL, and a 100,000-trial study on SQLite.
/// Each part writes its own section of docs/benchmarks.md.</summary>
internal sealed class StorageCommand : Command
{
    /// <summary>The benchmark's name: the subcommand, and the prefix of its sections' markers.</summary>
    public const string BenchmarkName = "storage";

    private readonly CommonOptions _common = new(defaultRepeat: 3);
    private readonly Option<string[]> _parts = Names("--parts", "The parts to run: overhead, throughput, large.",
        ["overhead", "throughput", "large"]);
    private readonly Option<string[]> _backends = Names("--backends",
        "The backends of the overhead part: memory, journal, sqlite, postgresql, mysql (the servers of "
        + "HONE_TEST_POSTGRES and HONE_TEST_MYSQL; a backend whose variable is missing is skipped).",
        [.. StorageBackends.All.Select(StorageBackends.Name)]);
    private readonly Option<int[]> _trials = Sizes("--trials", "Study sizes of the overhead part.", [1000, 10_000]);
    private readonly Option<int> _longRepeat = Whole("--long-repeat",
        "Hone's runs per backend at sizes of 10000 trials or more (--repeat counts those of smaller sizes).", 1);
    private readonly Option<int[]> _optunaTrials = Sizes("--optuna-trials",
        "The sizes at which Optuna's RDBStorage on SQLite runs too (tens of milliseconds per trial: 10000 takes "
        + "minutes, so it runs only when asked, as in --optuna-trials 1000,10000).", [1000]);
    private readonly Option<int> _optunaRepeat = Whole("--optuna-repeat", "Optuna's runs per size.", 1);
    private readonly Option<int[]> _workers = Sizes("--workers", "Worker process counts of the throughput part.",
        [1, 2, 4, 8]);
    private readonly Option<int> _workerSeconds = Whole("--worker-seconds",
        "How long the workers of each count run, in seconds.", 10);
    private readonly Option<int> _workerWarmup = Whole("--worker-warmup",
        "Trials each worker runs without the sleep on a study of its own before the barrier: JIT tiering takes about "
        + "a thousand.", 1000);
    private readonly Option<int> _sleepMs = Whole("--sleep-ms", "How long each trial's objective sleeps.", 50);
    private readonly Option<int> _largeTrials = Whole("--large-trials", "The size of the large SQLite study.",
        100_000);
    private readonly Option<string> _largeDb = new("--large-db")
    {
        Description = "An SQLite file to keep the large study in and reuse on the next run (its build is then not "
            + "timed again); by default a temporary file is built afresh.",
    };

    public StorageCommand()
        : base(BenchmarkName, "Storage backends: per-trial overhead against Optuna's RDBStorage on SQLite, worker "
            + "processes on PostgreSQL, and a 100,000-trial study on SQLite.")
    {
        foreach (var option in new Option[]
        {
            _parts, _backends, _trials, _longRepeat, _optunaTrials, _optunaRepeat, _workers, _workerSeconds,
            _workerWarmup, _sleepMs, _largeTrials, _largeDb,
        })
        {
            Options.Add(option);
        }

        _common.AddTo(this);
        _parts.Validators.Add(r => CheckNames(r, ["overhead", "throughput", "large"]));
        _backends.Validators.Add(r => CheckNames(r, [.. StorageBackends.All.Select(StorageBackends.Name)]));
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 150);
        }

        var settings = new StorageSettings(
            _common.Read(parse),
            (parse.GetValue(_parts) ?? []).Select(p => Enum.Parse<StoragePart>(p, ignoreCase: true)).ToHashSet(),
            [.. (parse.GetValue(_backends) ?? []).Select(b => StorageBackends.Parse(b)!.Value).Distinct().Order()],
            [.. (parse.GetValue(_trials) ?? []).Distinct().Order()],
            parse.GetValue(_longRepeat),
            parse.GetValue(_optunaTrials) ?? [],
            parse.GetValue(_optunaRepeat),
            [.. (parse.GetValue(_workers) ?? []).Distinct().Order()],
            parse.GetValue(_workerSeconds),
            parse.GetValue(_workerWarmup),
            parse.GetValue(_sleepMs),
            parse.GetValue(_largeTrials),
            parse.GetValue(_largeDb));
        bool optimized = BuildCheck.AreOptimized(
            typeof(Study).Assembly, typeof(RelationalStorage).Assembly, typeof(StorageCommand).Assembly);
        if (!optimized)
        {
            AnsiConsole.MarkupLine("[yellow]This is a Debug build: the figures mean little and docs/benchmarks.md "
                + "is left alone. Run with -c Release.[/]");
        }

        // The throughput part runs last: its worker processes leave the load average high for a minute or two. Each
        // part's machine description is taken when it ends, so that its load average is that part's.
        string command = CommandText.Current();
        var reports = new List<(string Name, IStorageReport Report, MachineInfo Machine)>();
        if (settings.Parts.Contains(StoragePart.Overhead))
        {
            AnsiConsole.MarkupLine("[bold]Per-trial overhead by backend[/]");
            var result = StorageOverheadBenchmark.Run(settings);
            reports.Add(("storage-overhead", new OverheadPartReport(result, settings, command), MachineInfo.Current()));
        }

        if (settings.Parts.Contains(StoragePart.Large))
        {
            AnsiConsole.MarkupLine(
                $"[bold]{Markup.Escape($"A {Format.Count(settings.LargeTrials)}-trial study on SQLite")}[/]");
            var result = LargeStudyBenchmark.Run(settings);
            reports.Add(("storage-large", new LargePartReport(result, settings, command), MachineInfo.Current()));
        }

        if (settings.Parts.Contains(StoragePart.Throughput))
        {
            AnsiConsole.MarkupLine("[bold]Throughput of worker processes on PostgreSQL[/]");
            var result = ThroughputBenchmark.Run(settings);
            reports.Add(("storage-throughput", new ThroughputPartReport(result, settings, command),
                MachineInfo.Current()));
        }

        // Reported in the issue's order, which is also the sections' order in a new document.
        string[] order = ["storage-overhead", "storage-throughput", "storage-large"];
        var date = TimeProvider.System.GetUtcNow();
        bool failed = false;
        foreach (var (name, report, machine) in reports.OrderBy(r => Array.IndexOf(order, r.Name)))
        {
            report.Print(machine);
            failed |= report.Failed;
            if (settings.Common.WriteDocs && optimized && !report.Failed)
            {
                BenchmarksDocument.Publish(name, report.ToMarkdown(machine, date));
            }
        }

        return failed ? 1 : 0;
    }

    private static Option<string[]> Names(string name, string description, string[] defaults) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaults,
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result => [.. result.Tokens.SelectMany(t => t.Value.Split(',',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(s => s.ToLowerInvariant())],
    };

    private static void CheckNames(OptionResult result, string[] allowed)
    {
        foreach (string name in result.GetValueOrDefault<string[]>() ?? [])
        {
            if (!allowed.Contains(name))
            {
                result.AddError($"{result.Option.Name} takes {string.Join(", ", allowed)}, but got '{name}'.");
            }
        }
    }

    private static Option<int[]> Sizes(string name, string description, int[] defaults) => new(name)
    {
        Description = description + " Comma-separated.",
        DefaultValueFactory = _ => defaults,
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result =>
        {
            var sizes = new List<int>();
            foreach (string part in result.Tokens.SelectMany(t => t.Value.Split(',',
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size < 1)
                {
                    result.AddError($"{name} takes positive whole numbers such as 1000,10000, but got '{part}'.");
                    return [];
                }

                sizes.Add(size);
            }

            return [.. sizes];
        },
    };

    private static Option<int> Whole(string name, string description, int defaultValue)
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
}
