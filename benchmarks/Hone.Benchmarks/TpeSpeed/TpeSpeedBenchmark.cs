using Hone.Benchmarks.Infrastructure;
using Spectre.Console;

namespace Hone.Benchmarks.TpeSpeed;

/// <summary>Runs both sides of the TPE speed benchmark, alternating Hone's and Optuna's runs so that both share
/// whatever else the machine is doing at the time, then Hone's long studies alone.</summary>
internal static class TpeSpeedBenchmark
{
    /// <summary>Warms both sides up, times the compared size, then the long size.</summary>
    public static TpeSpeedResults Run(TpeSpeedSettings settings)
    {
        var common = settings.Common;
        using var load = new LoadSampler(TimeSpan.FromSeconds(10));
        using var optuna = OptunaTpeSpeed.Start(common);
        AnsiConsole.MarkupLine(Markup.Escape(Invariant($"Warming up for {common.WarmupSeconds:0.###} s...")));
        HoneTpeSpeed.WarmUp(common.Seed, common.WarmupSeconds);
        optuna.Worker.WaitUntilReady();

        var multivariate = new List<TpeSpeedRun>();
        var independent = new List<TpeSpeedRun>();
        var optunaRuns = new List<TpeSpeedRun>();
        int rounds = Math.Max(common.Repeat, optuna.Worker.IsAvailable ? settings.OptunaRepeat : 0);
        for (int r = 0; r < rounds; r++)
        {
            int seed = common.Seed + r;

            // Alternate which side goes first, so neither always follows the other's garbage or heat.
            bool honeFirst = r % 2 == 0;
            bool timeOptuna = r < settings.OptunaRepeat && optuna.Worker.IsAvailable;
            var parts = new List<string>();
            if (!honeFirst && timeOptuna)
            {
                TimeOptuna(optuna, settings.Trials, seed, optunaRuns, parts);
            }

            if (r < common.Repeat)
            {
                TimeHonePair(settings.Trials, seed, honeFirst, multivariate, independent, parts);
            }

            if (honeFirst && timeOptuna)
            {
                TimeOptuna(optuna, settings.Trials, seed, optunaRuns, parts);
            }

            Progress(Invariant($"{Format.Count(settings.Trials)} trials, round {r + 1}/{rounds}: ")
                + string.Join(", ", parts));
        }

        var longMultivariate = new List<TpeSpeedRun>();
        var longIndependent = new List<TpeSpeedRun>();
        for (int r = 0; settings.LongTrials > 0 && r < settings.LongRepeat; r++)
        {
            var parts = new List<string>();
            TimeHonePair(settings.LongTrials, common.Seed + r, r % 2 == 0, longMultivariate, longIndependent, parts);
            Progress(Invariant($"{Format.Count(settings.LongTrials)} trials, Hone alone, run {r + 1}/")
                + Invariant($"{settings.LongRepeat}: ") + string.Join(", ", parts));
        }

        long honePeak = HoneTpeSpeed.PeakMemoryBytes;
        long? optunaPeak = optuna.Finish();
        bool optunaComplete = optuna.Worker.IsAvailable && optunaRuns.Count == settings.OptunaRepeat;
        return new TpeSpeedResults(
            new TpeSpeedSeries(HoneTpeSpeed.Label(true), settings.Trials, multivariate),
            new TpeSpeedSeries(HoneTpeSpeed.Label(false), settings.Trials, independent),
            optunaComplete ? new TpeSpeedSeries(OptunaTpeSpeed.Label, settings.Trials, optunaRuns) : null,
            longMultivariate.Count > 0
                ? new TpeSpeedSeries(HoneTpeSpeed.Label(true), settings.LongTrials, longMultivariate)
                : null,
            longIndependent.Count > 0
                ? new TpeSpeedSeries(HoneTpeSpeed.Label(false), settings.LongTrials, longIndependent)
                : null,
            HoneTpeSpeed.Framework,
            honePeak,
            optuna.Worker.Framework,
            optunaComplete ? optunaPeak : null,
            optuna.Worker.Problem,
            optuna.Worker.IsFailure,
            load.Describe());
    }

    private static void TimeHonePair(
        int trials, int seed, bool multivariateFirst, List<TpeSpeedRun> multivariate, List<TpeSpeedRun> independent,
        List<string> parts)
    {
        foreach (bool variant in multivariateFirst ? new[] { true, false } : [false, true])
        {
            var run = HoneTpeSpeed.TimeOnce(variant, trials, seed);
            (variant ? multivariate : independent).Add(run);
            parts.Add(Describe(variant ? "Hone" : "Hone independent", run));
        }
    }

    private static void TimeOptuna(
        OptunaTpeSpeed optuna, int trials, int seed, List<TpeSpeedRun> runs, List<string> parts)
    {
        if (optuna.TimeOnce(trials, seed) is { } run)
        {
            runs.Add(run);
            parts.Add(Describe("Optuna", run));
        }
    }

    private static string Describe(string side, TpeSpeedRun run) =>
        $"{side} {Format.Ms(run.Wall.MsPerTrial)} ms/trial (last 100: "
        + $"{Format.Ms(run.Wall.WindowMsPerTrial(run.TailStart, run.Trials))}; "
        + Invariant($"{run.Wall.TotalSeconds:0.00} s, CPU {run.Cpu.TotalSeconds:0.00} s)");

    private static void Progress(string line) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]");

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
