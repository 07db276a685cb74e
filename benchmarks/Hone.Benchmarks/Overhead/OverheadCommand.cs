using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Hone.Benchmarks.Infrastructure;
using Spectre.Console;

namespace Hone.Benchmarks.Overhead;

/// <summary>Runs the <c>overhead</c> benchmark: the time Hone itself spends per trial with the random sampler in
/// memory, against Optuna's on the same objective.</summary>
internal sealed class OverheadCommand : Command
{
    /// <summary>The benchmark's name: the subcommand and its section markers in docs/benchmarks.md.</summary>
    public const string BenchmarkName = "overhead";

    private readonly CommonOptions _common = new();

    private readonly Option<int[]> _trials = new("--trials")
    {
        Description = "Study sizes to time, comma-separated (e.g. 1000,10000); each is a fresh study.",
        DefaultValueFactory = _ => [1000],
        AllowMultipleArgumentsPerToken = true,
        CustomParser = ParseSizes,
    };

    public OverheadCommand()
        : base(BenchmarkName, "Framework overhead per trial: random sampler, in-memory storage, a 10-parameter "
            + "objective that costs nothing; Hone and Optuna side by side.")
    {
        Options.Add(_trials);
        _common.AddTo(this);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        var settings = _common.Read(parse);
        int[] sizes = parse.GetValue(_trials) ?? [1000];
        bool optimized = BuildCheck.AreOptimized(typeof(Study).Assembly, typeof(OverheadCommand).Assembly);
        if (!optimized)
        {
            AnsiConsole.MarkupLine("[yellow]This is a Debug build: the figures mean little and docs/benchmarks.md "
                + "is left alone. Run with -c Release.[/]");
        }

        (var hone, var optuna, string? problem, bool optunaFailed) = OverheadBenchmark.Run(settings, sizes);
        if (problem is not null)
        {
            string color = optunaFailed ? "red" : "yellow";
            AnsiConsole.MarkupLine($"[{color}]{Markup.Escape("Optuna: " + problem)}[/]");
        }

        var report = new OverheadReport(hone, optuna, problem, settings, MachineInfo.Current(),
            CommandText.Current(), TimeProvider.System.GetUtcNow());
        report.Print();
        if (settings.WriteDocs && optimized && !optunaFailed)
        {
            BenchmarksDocument.Publish(BenchmarkName, report.ToMarkdown());
        }

        return optunaFailed ? 1 : 0;
    }

    private static int[] ParseSizes(ArgumentResult result)
    {
        var sizes = new List<int>();
        foreach (var token in result.Tokens)
        {
            const StringSplitOptions Parts = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;
            foreach (string part in token.Value.Split(',', Parts))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size < 1)
                {
                    result.AddError($"--trials takes positive whole numbers such as 1000,10000, but got '{part}'.");
                    return [];
                }

                sizes.Add(size);
            }
        }

        return [.. sizes];
    }
}
