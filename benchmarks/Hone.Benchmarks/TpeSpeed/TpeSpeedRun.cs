namespace Hone.Benchmarks.TpeSpeed;

/// <summary>Holds one timed study: its length and, per trial, when its objective started, on the wall clock and in
/// processor time of the whole process.</summary>
/// <param name="Trials">The trials the study ran.</param>
/// <param name="Wall">Wall-clock time.</param>
/// <param name="Cpu">Processor time of the process (all its threads: garbage collector and JIT included), which
/// other work on the machine disturbs far less than the wall clock.</param>
/// <param name="AllocatedBytes">Managed bytes allocated during the call, when known (Hone only).</param>
/// <param name="GcPauseSeconds">Time the garbage collector paused the call, when known (Hone only).</param>
internal sealed record TpeSpeedRun(
    int Trials, TpeSpeedClock Wall, TpeSpeedClock Cpu, long? AllocatedBytes, double? GcPauseSeconds)
{
    /// <summary>How many trials at the end the tail figure covers.</summary>
    public const int TailLength = 100;

    /// <summary>Gets the first trial of the tail: the last <see cref="TailLength"/> trials, fewer in a shorter
    /// study.</summary>
    public int TailStart => Math.Max(0, Trials - TailLength);
}

/// <summary>Holds one clock's readings over a study.</summary>
/// <param name="TotalSeconds">The time of the whole optimize call.</param>
/// <param name="StartSeconds">Per trial number, when its objective started, in seconds after the optimize call
/// began.</param>
internal sealed record TpeSpeedClock(double TotalSeconds, IReadOnlyList<double> StartSeconds)
{
    /// <summary>Gets the milliseconds per trial over the whole study.</summary>
    public double MsPerTrial => TotalSeconds * 1000 / StartSeconds.Count;

    /// <summary>Returns the milliseconds per trial for the trials numbered <paramref name="from"/> to
    /// <paramref name="to"/> − 1: from the start of the first one's objective to the start of the next one after
    /// them (or the end of the study). Each trial's share holds its objective, its tell, the next ask and the
    /// next trial's suggestions.</summary>
    public double WindowMsPerTrial(int from, int to) => (At(to) - At(from)) * 1000 / (to - from);

    private double At(int trial) => trial >= StartSeconds.Count ? TotalSeconds : StartSeconds[trial];
}
