using Hone.Benchmarks.Infrastructure;

namespace Hone.Benchmarks.TpeSpeed;

/// <summary>Holds the repeated runs of one sampler at one study size, and their medians.</summary>
/// <param name="Label">What ran, such as "Hone TPE (default: multivariate)".</param>
/// <param name="Trials">The study size.</param>
/// <param name="Runs">The timed runs, one per repeat, each a fresh study with its own seed.</param>
internal sealed record TpeSpeedSeries(string Label, int Trials, IReadOnlyList<TpeSpeedRun> Runs)
{
    /// <summary>Gets the median time of the whole study.</summary>
    public double TotalSeconds => Statistics.Median(Runs.Select(r => r.Wall.TotalSeconds));

    /// <summary>Gets the longest time of the whole study over the runs.</summary>
    public double MaxTotalSeconds => Runs.Max(r => r.Wall.TotalSeconds);

    /// <summary>Gets the median processor time of the whole study.</summary>
    public double TotalCpuSeconds => Statistics.Median(Runs.Select(r => r.Cpu.TotalSeconds));

    /// <summary>Gets the median managed bytes allocated per trial, when known.</summary>
    public double? AllocatedBytesPerTrial => Runs.All(r => r.AllocatedBytes is not null)
        ? Statistics.Median(Runs.Select(r => (double)r.AllocatedBytes!.Value / r.Trials))
        : null;

    /// <summary>Gets the median share of the study spent in garbage-collector pauses, when known.</summary>
    public double? GcPauseShare => Runs.All(r => r.GcPauseSeconds is not null)
        ? Statistics.Median(Runs.Select(r => r.GcPauseSeconds!.Value / r.Wall.TotalSeconds))
        : null;

    /// <summary>Returns the median milliseconds per trial over the whole study.</summary>
    public double MsPerTrial(bool cpu) => Statistics.Median(Runs.Select(r => Clock(r, cpu).MsPerTrial));

    /// <summary>Returns the median milliseconds per trial over the last 100 trials.</summary>
    public double TailMsPerTrial(bool cpu) =>
        Statistics.Median(Runs.Select(r => Clock(r, cpu).WindowMsPerTrial(r.TailStart, r.Trials)));

    /// <summary>Returns the median milliseconds per trial over trials <paramref name="from"/> to
    /// <paramref name="to"/> − 1.</summary>
    public double WindowMsPerTrial(int from, int to, bool cpu) =>
        Statistics.Median(Runs.Select(r => Clock(r, cpu).WindowMsPerTrial(from, to)));

    private static TpeSpeedClock Clock(TpeSpeedRun run, bool cpu) => cpu ? run.Cpu : run.Wall;
}
