namespace Hone.Pruners;

/// <summary>Configures a <see cref="WilcoxonPruner"/>; every knob has its default in the initializer.</summary>
public sealed class WilcoxonPrunerOptions
{
    /// <summary>Gets or sets the p-value below which the trial is taken to be worse than the best trial and pruned;
    /// between 0 and 1. The larger it is, the sooner trials are pruned.</summary>
    /// <value>The default value is 0.1.</value>
    /// <remarks>The test is repeated as values arrive, so the chance of pruning a trial that is in fact as good is
    /// higher than the threshold; use a smaller (for example Pocock-corrected) threshold for a nominal error rate.
    /// </remarks>
    public double PThreshold { get; set; } = 0.1;

    /// <summary>Gets or sets how many steps the trial must share with the best trial before it can be pruned; below 2
    /// it acts as 2, since the test needs two pairs.</summary>
    /// <value>The default value is 2.</value>
    public int StartupSteps { get; set; } = 2;
}
