namespace Hone.Pruners;

/// <summary>Configures a <see cref="HyperbandPruner"/>; every knob has its default in the initializer.</summary>
public sealed class HyperbandPrunerOptions
{
    /// <summary>Gets or sets the smallest resource (step) a trial gets before it can be stopped, in the most
    /// aggressive bracket.</summary>
    /// <value>The default value is 1.</value>
    public int MinResource { get; set; } = 1;

    /// <summary>Gets or sets the resource (number of steps) of a trial that runs to the end.</summary>
    /// <value>The default value is <see langword="null"/>: automatic, the last step of the first completed trial
    /// plus one, fixed on the study once found; no trial is pruned before a trial has completed.</value>
    public int? MaxResource { get; set; }

    /// <summary>Gets or sets η, the factor between the rungs of a bracket and between the brackets' first rungs.
    /// </summary>
    /// <value>The default value is 3.</value>
    public int ReductionFactor { get; set; } = 3;

    /// <summary>Gets or sets, per bracket, how many trials must reach a rung before any can pass it
    /// (<see cref="SuccessiveHalvingPrunerOptions.BootstrapCount"/>).</summary>
    /// <value>The default value is 0.</value>
    public int BootstrapCount { get; set; }
}
