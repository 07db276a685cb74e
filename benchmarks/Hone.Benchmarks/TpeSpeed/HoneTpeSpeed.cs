using System.Diagnostics;
using Hone.Samplers;
using Hone.Storages;

namespace Hone.Benchmarks.TpeSpeed;

/// <summary>Measures Hone's side of the TPE speed benchmark: <see cref="TpeSampler"/> with its defaults (only the
/// seed and, for the independent variant, <see cref="TpeSamplerOptions.Multivariate"/> set), in memory, with no
/// logger.</summary>
internal static class HoneTpeSpeed
{
    /// <summary>Gets Hone's name and version, such as "Hone 1.0.0".</summary>
    public static string Framework =>
        $"Hone {typeof(Study).Assembly.GetName().Version?.ToString(3) ?? "?"}";

    /// <summary>Gets the peak working set of this process so far.</summary>
    public static long PeakMemoryBytes
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return process.PeakWorkingSet64;
        }
    }

    /// <summary>Gets the label of a variant, for the tables.</summary>
    public static string Label(bool multivariate) =>
        multivariate ? "Hone TPE (default: multivariate)" : "Hone TPE (Multivariate = false)";

    /// <summary>Runs throw-away studies of both variants for a while, past the start-up trials, so that the JIT has
    /// compiled (and, with tiering, recompiled) what the timed runs use.</summary>
    public static void WarmUp(int seed, double seconds)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            NewStudy(seed, multivariate: true).Optimize(TpeSpeedObjective.Evaluate, trials: 60);
            NewStudy(seed, multivariate: false).Optimize(TpeSpeedObjective.Evaluate, trials: 60);
        }
        while (clock.Elapsed.TotalSeconds < seconds);
    }

    /// <summary>Times one fresh study, noting when each trial's objective starts, on the wall clock and in processor
    /// time.</summary>
    public static TpeSpeedRun TimeOnce(bool multivariate, int trials, int seed)
    {
        // The objective notes when each trial reaches it, for the windows: two array stores and a getrusage call,
        // about a microsecond against the milliseconds of a TPE trial.
        long[] starts = new long[trials];
        var cpuStarts = new TimeSpan[trials];
        var study = NewStudy(seed, multivariate);
        double Objective(Trial trial)
        {
            starts[trial.Number] = Stopwatch.GetTimestamp();
            cpuStarts[trial.Number] = Environment.CpuUsage.TotalTime;
            return TpeSpeedObjective.Evaluate(trial);
        }

        CollectGarbage();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pauseBefore = GC.GetTotalPauseDuration();
        var cpuBegin = Environment.CpuUsage.TotalTime;
        long begin = Stopwatch.GetTimestamp();
        study.Optimize(Objective, trials);
        long end = Stopwatch.GetTimestamp();
        var cpuEnd = Environment.CpuUsage.TotalTime;
        var pause = GC.GetTotalPauseDuration() - pauseBefore;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var wall = new TpeSpeedClock(
            Stopwatch.GetElapsedTime(begin, end).TotalSeconds,
            [.. starts.Select(s => Stopwatch.GetElapsedTime(begin, s).TotalSeconds)]);
        var cpu = new TpeSpeedClock(
            (cpuEnd - cpuBegin).TotalSeconds, [.. cpuStarts.Select(s => (s - cpuBegin).TotalSeconds)]);
        return new TpeSpeedRun(trials, wall, cpu, allocated, pause.TotalSeconds);
    }

    private static Study NewStudy(int seed, bool multivariate) => Study.Create(new StudyOptions
    {
        Storage = new InMemoryStorage(),
        Sampler = new TpeSampler(new TpeSamplerOptions { Seed = seed, Multivariate = multivariate }),
    });

    private static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
