namespace Hone.Samplers;

/// <summary>Configures a <see cref="TpeSampler"/>; every knob has its default in the initializer.</summary>
public sealed class TpeSamplerOptions
{
    /// <summary>Gets or sets the seed of the sampler's random numbers (and of its start-up random sampler).</summary>
    /// <value>The default value is <see langword="null"/>: a seed from the operating system.</value>
    public int? Seed { get; set; }

    /// <summary>Gets or sets how many finished trials are drawn at random before the model takes over.</summary>
    /// <value>The default value is 10.</value>
    public int StartupTrials { get; set; } = 10;

    /// <summary>Gets or sets how many candidates are drawn from the good model before the best ratio is chosen.
    /// </summary>
    /// <value>The default value is 24.</value>
    public int EiCandidates { get; set; } = 24;

    /// <summary>Gets or sets a value indicating whether parameters that appear together are modelled jointly
    /// (multivariate TPE) rather than one by one.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Multivariate { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the joint space is split into groups of parameters that
    /// always appear together, so that conditional and loop-dependent parameters are modelled jointly per group.
    /// Only used with <see cref="Multivariate"/>.</summary>
    /// <value>The default value is <see langword="true"/>. On the quality suite's two conditional problems
    /// <see langword="false"/> had lower medians without a significant difference (docs/benchmarks.md); the default
    /// keeps loop-dependent spaces modelled jointly, which the intersection would drop.</value>
    public bool Group { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether categorical parameters join the joint groups of
    /// <see cref="Multivariate"/> TPE. When <see langword="false"/>, the numeric parameters of a group are drawn
    /// jointly and each categorical parameter on its own, from the trials that have it.</summary>
    /// <value>The default value is <see langword="false"/>. In a joint draw a candidate takes its category from the
    /// good trial whose kernel produced it, so a branch that no good trial has yet is rarely tried: on the quality
    /// suite's conditional problem the joint draw stayed on a worse branch in most studies, and the digits MLP did
    /// no better with it (docs/benchmarks.md).</value>
    public bool JointCategoricals { get; set; }

    /// <summary>Gets or sets a value indicating whether running trials count as bad ones, so that parallel workers
    /// do not pile onto the same point.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ConstantLiar { get; set; } = true;

    /// <summary>Gets or sets the weight of the prior kernel relative to one observation.</summary>
    /// <value>The default value is 1.0.</value>
    public double PriorWeight { get; set; } = 1.0;

    /// <summary>Gets or sets a value indicating whether bandwidths are clipped from below to
    /// range / min(100, 1 + kernels) (the "magic clip").</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ConsiderMagicClip { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the outermost observations measure their bandwidth to the
    /// ends of the range too.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ConsiderEndpoints { get; set; }

    /// <summary>Gets or sets the size of the good group given the number of finished trials.</summary>
    /// <value>The default value is <see langword="null"/>: min(⌈0.1·n⌉, 25) for one objective, ⌈0.1·n⌉ for
    /// several.</value>
    public Func<int, int>? Gamma { get; set; }

    /// <summary>Gets or sets a function that returns, for a completed trial, constraint values that are feasible
    /// when &lt;= 0. It is called once per completed trial (never for failed or pruned ones); feasible trials rank
    /// before infeasible ones and <see cref="Study.BestTrial"/> considers feasible trials only.</summary>
    /// <value>The default value is <see langword="null"/>: no constraints.</value>
    public Func<FrozenTrial, IReadOnlyList<double>>? Constraints { get; set; }
}
