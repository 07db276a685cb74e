namespace Hone.Pruners;

/// <summary>Decides whether a running trial should stop early; the extension point for pruning rules.</summary>
/// <remarks>
/// A pruner is asked by <see cref="Trial.ShouldPrune"/> with the study and a snapshot of the running trial, whose
/// <see cref="FrozenTrial.IntermediateValues"/> hold what it reported so far. It must tolerate trials that never
/// reported anything and be safe to call from several threads.
/// </remarks>
public abstract class Pruner
{
    /// <summary>Tells whether the trial should stop now.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">A snapshot of the running trial.</param>
    /// <returns><see langword="true"/> to prune.</returns>
    public abstract bool Prune(Study study, FrozenTrial trial);

    /// <summary>Returns the partition of the trial numbered <paramref name="trialNumber"/> when the pruner runs
    /// separate groups of trials (Hyperband's brackets), so that the sampler learns only from the trials of the same
    /// group; <see langword="null"/> (the default) lets the sampler see every trial.</summary>
    internal virtual int? SamplerPartition(Study study, int trialNumber) => null;
}
