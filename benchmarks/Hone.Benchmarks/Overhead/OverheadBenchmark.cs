using System.Globalization;
using Hone.Benchmarks.Infrastructure;
using Spectre.Console;

namespace Hone.Benchmarks.Overhead;

/// <summary>Runs both sides of the overhead benchmark, alternating their runs so that both share whatever else
/// the machine is doing at the time.</summary>
internal static class OverheadBenchmark
{
    /// <summary>Warms both sides up, then times each size <see cref="CommonSettings.Repeat"/> times per side and
    /// measures the memory a finished study keeps.</summary>
    /// <returns>Hone's measurements, Optuna's when it ran, and the Optuna worker's status.</returns>
    public static (OverheadSide Hone, OverheadSide? Optuna, string? OptunaProblem, bool OptunaFailed) Run(
        CommonSettings settings, IReadOnlyList<int> sizes)
    {
        using var optuna = OptunaOverhead.Start(settings);
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Warming up for {settings.WarmupSeconds:0.###} s...")));
        HoneOverhead.WarmUp(settings.Seed, settings.WarmupSeconds);
        optuna.Worker.WaitUntilReady();
        var honeSizes = new List<OverheadSize>();
        var optunaSizes = new List<OverheadSize>();
        foreach (int trials in sizes)
        {
            (var hone, var other) = TimeSize(optuna, trials, settings);
            honeSizes.Add(hone);
            if (other is not null)
            {
                optunaSizes.Add(other);
            }
        }

        var honeSide = new OverheadSide(HoneOverhead.Framework, honeSizes, HoneOverhead.PeakMemoryBytes);
        long? optunaPeak = optuna.Finish();
        var optunaSide = optuna.Worker.IsAvailable && optunaPeak is { } peak
            ? new OverheadSide(optuna.Worker.Framework, optunaSizes, peak)
            : null;
        return (honeSide, optunaSide, optuna.Worker.Problem, optuna.Worker.IsFailure);
    }

    private static (OverheadSize Hone, OverheadSize? Optuna) TimeSize(
        OptunaOverhead optuna, int trials, CommonSettings settings)
    {
        var honeRuns = new List<OverheadRun>();
        var optunaRuns = new List<OverheadRun>();
        var allocated = new List<double>();
        var gcShares = new List<double>();
        for (int r = 0; r < settings.Repeat; r++)
        {
            int seed = settings.Seed + r;

            // Alternate which side goes first, so neither always follows the other's garbage or heat.
            bool honeFirst = r % 2 == 0;
            OverheadRun? optunaRun = honeFirst ? null : optuna.TimeOnce(trials, seed);
            (var honeRun, long bytes, var pause) = HoneOverhead.TimeOnce(trials, seed);
            optunaRun ??= honeFirst ? optuna.TimeOnce(trials, seed) : null;
            honeRuns.Add(honeRun);
            allocated.Add((double)bytes / trials);
            gcShares.Add(pause.TotalSeconds / honeRun.TotalSeconds);
            string line = string.Create(CultureInfo.InvariantCulture,
                $"{Format.Count(trials)} trials, run {r + 1}/{settings.Repeat}: ")
                + $"Hone {Format.Ms(honeRun.MsPerTrial)} ms/trial";
            if (optunaRun is not null)
            {
                optunaRuns.Add(optunaRun);
                line += $", Optuna {Format.Ms(optunaRun.MsPerTrial)} ms/trial";
            }

            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
        }

        var hone = new OverheadSize(trials, honeRuns, Statistics.Median(allocated),
            (double)HoneOverhead.RetainedBytes(trials, settings.Seed) / trials, Statistics.Median(gcShares));
        var other = optunaRuns.Count == settings.Repeat
            && optuna.RetainedBytes(trials, settings.Seed) is { } retained
            ? new OverheadSize(trials, optunaRuns, null, (double)retained / trials, null)
            : null;
        return (hone, other);
    }
}
