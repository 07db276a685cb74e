using System.Diagnostics;
using Hone.Benchmarks.Overhead;
using Hone.Samplers;
using Hone.Storages;

namespace Hone.Benchmarks.Storage;

/// <summary>Measures Hone's per-trial overhead on one backend: the random sampler and the zero-cost objective of the
/// <c>overhead</c> benchmark, through the storage a URL opens.</summary>
internal static class HoneStorageOverhead
{
    /// <summary>Runs throw-away 100-trial studies on the backend for a while, so that the JIT has compiled the
    /// backend's code path and its driver has connections pooled before anything is timed.</summary>
    public static void WarmUp(BackendTarget target, int seed, double seconds)
    {
        var clock = Stopwatch.StartNew();
        int count = 0;
        do
        {
            string name = $"warmup-{count++}";
            using var storage = target.Open(name);
            NewStudy(storage, name, seed).Optimize(OverheadObjective.Evaluate, trials: 100);
        }
        while (clock.Elapsed.TotalSeconds < seconds);
    }

    /// <summary>Times one fresh study (its own file, or a new study in the server's database). Opening the storage
    /// and creating the study are not timed; the optimize call is.</summary>
    /// <returns>The timings, and the share of them that the garbage collector paused the process.</returns>
    public static (OverheadRun Run, double GcShare) TimeOnce(BackendTarget target, string name, int trials, int seed)
    {
        // The objective notes when each trial reaches it, for the last-100 figure; that costs one array store.
        long[] starts = new long[trials];
        double Objective(Trial trial)
        {
            starts[trial.Number] = Stopwatch.GetTimestamp();
            return OverheadObjective.Evaluate(trial);
        }

        using var storage = target.Open(name);
        var study = NewStudy(storage, name, seed);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var pauseBefore = GC.GetTotalPauseDuration();
        long begin = Stopwatch.GetTimestamp();
        study.Optimize(Objective, trials);
        long end = Stopwatch.GetTimestamp();
        var pause = GC.GetTotalPauseDuration() - pauseBefore;
        int tail = Math.Min(OverheadRun.TailLength, trials);
        var run = new OverheadRun(
            trials,
            Stopwatch.GetElapsedTime(begin, end).TotalSeconds,
            Stopwatch.GetElapsedTime(starts[trials - tail], end).TotalSeconds);
        return (run, pause.TotalSeconds / run.TotalSeconds);
    }

    private static Study NewStudy(TrialStorage storage, string name, int seed) => Study.Create(new StudyOptions
    {
        Name = name,
        Storage = storage,
        Sampler = new RandomSampler(seed),
    });
}
