using System.CommandLine;
using Hone.Benchmarks.Infrastructure;
using Spectre.Console;

namespace Hone.Benchmarks.TpeSpeed;

/// <summary>Runs the <c>tpe-speed</c> benchmark: the time per trial of Hone's TPE sampler on a 10-parameter
/// objective that costs nothing, against Optuna's TPE, and how it grows with the finished trials.</summary>
internal sealed class TpeSpeedCommand : Command
{
    /// <summary>The benchmark's name: the subcommand and its section markers in docs/benchmarks.md.</summary>
    public const string BenchmarkName = "tpe-speed";

    private readonly CommonOptions _common = new();

    private readonly Option<int> _trials = new("--trials")
    {
        Description = "The study size that Hone and Optuna both run.",
        DefaultValueFactory = _ => 1000,
    };

    private readonly Option<int> _optunaRepeat = new("--optuna-repeat")
    {
        Description = "How many Optuna studies to time at --trials (about 70 s each at 1000 trials); --repeat "
            + "sets Hone's.",
        DefaultValueFactory = _ => 1,
    };

    private readonly Option<int> _longTrials = new("--long-trials")
    {
        Description = "The study size that Hone runs alone, for the growth table and the time target; 0 skips it.",
        DefaultValueFactory = _ => 10_000,
    };

    private readonly Option<int> _longRepeat = new("--long-repeat")
    {
        Description = "How many Hone studies per variant to time at --long-trials (minutes each at 10000 trials).",
        DefaultValueFactory = _ => 1,
    };

    private readonly Option<int> _window = new("--window")
    {
        Description = "Trials per window of the growth table.",
        DefaultValueFactory = _ => 1000,
    };

    public TpeSpeedCommand()
        : base(BenchmarkName, "TPE sampler time per trial: a 10-float objective that costs nothing, in memory; Hone "
            + "and Optuna side by side, then Hone alone on a longer study.")
    {
        Options.Add(_trials);
        Options.Add(_optunaRepeat);
        Options.Add(_longTrials);
        Options.Add(_longRepeat);
        Options.Add(_window);
        AddPositive(_trials, 1);
        AddPositive(_optunaRepeat, 0);
        AddPositive(_longTrials, 0);
        AddPositive(_longRepeat, 1);
        AddPositive(_window, 1);
        _common.AddTo(this);
        SetAction(Execute);
    }

    private static void AddPositive(Option<int> option, int minimum) => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int>() < minimum)
        {
            result.AddError($"{option.Name} must be at least {minimum}.");
        }
    });

    private int Execute(ParseResult parse)
    {
        // Redirected output gets 80 columns, too narrow for the tables; a log file has no width to keep to.
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 170);
        }

        var common = _common.Read(parse);
        var settings = new TpeSpeedSettings(
            common,
            parse.GetValue(_trials),
            parse.GetValue(_optunaRepeat),
            parse.GetValue(_longTrials),
            parse.GetValue(_longRepeat),
            parse.GetValue(_window));
        if (settings.OptunaRepeat == 0)
        {
            settings = settings with { Common = common with { RunOptuna = false } };
        }

        bool optimized = BuildCheck.AreOptimized(typeof(Study).Assembly, typeof(TpeSpeedCommand).Assembly);
        if (!optimized)
        {
            AnsiConsole.MarkupLine("[yellow]This is a Debug build: the figures mean little and docs/benchmarks.md "
                + "is left alone. Run with -c Release.[/]");
        }

        var results = TpeSpeedBenchmark.Run(settings);
        if (results.OptunaProblem is not null)
        {
            string color = results.OptunaFailed ? "red" : "yellow";
            AnsiConsole.MarkupLine($"[{color}]{Markup.Escape("Optuna: " + results.OptunaProblem)}[/]");
        }

        var report = new TpeSpeedReport(results, settings, MachineInfo.Current(), CommandText.Current(),
            TimeProvider.System.GetUtcNow());
        report.Print();
        if (settings.Common.WriteDocs && optimized && !results.OptunaFailed)
        {
            BenchmarksDocument.Publish(BenchmarkName, report.ToMarkdown());
        }

        return results.OptunaFailed ? 1 : 0;
    }
}
