namespace Hone.Pruners;

/// <summary>Configures when a <see cref="ThresholdPruner"/> looks at a trial; every knob has its default in the
/// initializer.</summary>
public sealed class ThresholdPrunerOptions
{
    /// <summary>Gets or sets how many steps of each trial are never pruned: steps 0 to
    /// <c>WarmupSteps − 1</c> are protected and step <c>WarmupSteps</c> is the first that can prune.</summary>
    /// <value>The default value is 0: a trial can be pruned from step 0 on.</value>
    public int WarmupSteps { get; set; }

    /// <summary>Gets or sets the width of the windows of steps, counted from <see cref="WarmupSteps"/>, in which the
    /// pruner checks a trial once: at the first step the trial reports in each window.</summary>
    /// <value>The default value is 1: every reported step is checked.</value>
    public int IntervalSteps { get; set; } = 1;
}
