using System.Diagnostics;
using Hone.Samplers;
using Hone.Storages;

namespace Hone.Benchmarks.Overhead;

/// <summary>Measures Hone's side of the overhead benchmark: the random sampler, in memory, with no logger.</summary>
internal static class HoneOverhead
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

    /// <summary>Runs throw-away studies for a while, so that the JIT has compiled (and, with tiering, recompiled)
    /// what the timed runs use.</summary>
    public static void WarmUp(int seed, double seconds)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            NewStudy(seed).Optimize(OverheadObjective.Evaluate, trials: 100);
        }
        while (clock.Elapsed.TotalSeconds < seconds);
    }

    /// <summary>Times one fresh study.</summary>
    /// <returns>The timings, the bytes allocated during the timed call, and the time the garbage collector
    /// paused it.</returns>
    public static (OverheadRun Run, long AllocatedBytes, TimeSpan GcPause) TimeOnce(int trials, int seed)
    {
        // The objective notes when each trial reaches it, for the last-100 figure; that costs one array store.
        long[] starts = new long[trials];
        var study = NewStudy(seed);
        double Objective(Trial trial)
        {
            starts[trial.Number] = Stopwatch.GetTimestamp();
            return OverheadObjective.Evaluate(trial);
        }

        CollectGarbage();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pauseBefore = GC.GetTotalPauseDuration();
        long begin = Stopwatch.GetTimestamp();
        study.Optimize(Objective, trials);
        long end = Stopwatch.GetTimestamp();
        var pause = GC.GetTotalPauseDuration() - pauseBefore;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        int tail = Math.Min(OverheadRun.TailLength, trials);
        var run = new OverheadRun(
            trials,
            Stopwatch.GetElapsedTime(begin, end).TotalSeconds,
            Stopwatch.GetElapsedTime(starts[trials - tail], end).TotalSeconds);
        return (run, allocated, pause);
    }

    /// <summary>Measures the managed heap a finished study keeps, in a separate, untimed run.</summary>
    public static long RetainedBytes(int trials, int seed)
    {
        CollectGarbage();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var study = NewStudy(seed);
        study.Optimize(OverheadObjective.Evaluate, trials);
        CollectGarbage();
        long after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(study);
        return after - before;
    }

    private static Study NewStudy(int seed) => Study.Create(new StudyOptions
    {
        Storage = new InMemoryStorage(),
        Sampler = new RandomSampler(seed),
    });

    private static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
