using Hone.Benchmarks.Infrastructure;

namespace Hone.Benchmarks.Overhead;

/// <summary>Holds the measurements of one framework at one study size.</summary>
/// <param name="Trials">The study size.</param>
/// <param name="Runs">The timed runs, one per repeat.</param>
/// <param name="AllocatedBytesPerTrial">Bytes allocated per trial (median over the runs), when known.</param>
/// <param name="RetainedBytesPerTrial">Heap a finished study keeps per trial, from a separate run, when known.</param>
/// <param name="GcPauseShare">The share of the timed runs spent in garbage-collector pauses (median), when known.
/// </param>
internal sealed record OverheadSize(
    int Trials,
    IReadOnlyList<OverheadRun> Runs,
    double? AllocatedBytesPerTrial,
    double? RetainedBytesPerTrial,
    double? GcPauseShare)
{
    /// <summary>Gets the median milliseconds per trial over the whole study.</summary>
    public double MsPerTrial => Statistics.Median(Runs.Select(r => r.MsPerTrial));

    /// <summary>Gets the median milliseconds per trial over the last 100 trials.</summary>
    public double TailMsPerTrial => Statistics.Median(Runs.Select(r => r.TailMsPerTrial));
}
