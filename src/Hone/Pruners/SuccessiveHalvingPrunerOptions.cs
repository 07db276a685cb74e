namespace Hone.Pruners;

/// <summary>Configures a <see cref="SuccessiveHalvingPruner"/>; every knob has its default in the initializer.
/// </summary>
public sealed class SuccessiveHalvingPrunerOptions
{
    /// <summary>Gets or sets the step of the first rung when <see cref="MinEarlyStoppingRate"/> is 0: the resource
    /// every trial gets before it can be stopped.</summary>
    /// <value>The default value is <see langword="null"/>: automatic, the last step of the first completed trial
    /// divided by 100 (at least 1), fixed on the study once found so that every worker uses the same rungs; no trial
    /// is pruned before a trial has completed.</value>
    public int? MinResource { get; set; }

    /// <summary>Gets or sets η: each rung is η times further than the one before, and a trial goes on past a rung
    /// when it is in the best 1/η of the trials that reached it.</summary>
    /// <value>The default value is 4.</value>
    public int ReductionFactor { get; set; } = 4;

    /// <summary>Gets or sets s, which moves the first rung to <c>MinResource · η^s</c>.</summary>
    /// <value>The default value is 0.</value>
    public int MinEarlyStoppingRate { get; set; }

    /// <summary>Gets or sets how many trials must reach a rung before any of them can pass it; until then, trials
    /// that reach the rung are stopped.</summary>
    /// <value>The default value is 0. A positive count needs an explicit <see cref="MinResource"/>.</value>
    public int BootstrapCount { get; set; }
}
