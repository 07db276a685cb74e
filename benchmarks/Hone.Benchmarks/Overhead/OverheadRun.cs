namespace Hone.Benchmarks.Overhead;

/// <summary>Holds one timed run of one study.</summary>
/// <param name="Trials">The trials the study ran.</param>
/// <param name="TotalSeconds">The time of the whole optimize call.</param>
/// <param name="TailSeconds">The time from the start of the last <see cref="TailTrials"/> objectives to the end.
/// </param>
internal sealed record OverheadRun(int Trials, double TotalSeconds, double TailSeconds)
{
    /// <summary>How many trials at the end the tail figure covers.</summary>
    public const int TailLength = 100;

    /// <summary>Gets how many trials the tail covers: <see cref="TailLength"/>, or fewer in a shorter study.</summary>
    public int TailTrials => Math.Min(TailLength, Trials);

    /// <summary>Gets the milliseconds per trial over the whole study.</summary>
    public double MsPerTrial => TotalSeconds * 1000 / Trials;

    /// <summary>Gets the milliseconds per trial over the tail.</summary>
    public double TailMsPerTrial => TailSeconds * 1000 / TailTrials;
}
