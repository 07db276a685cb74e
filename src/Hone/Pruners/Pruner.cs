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
    /// <param name="study">The study.</param>
    /// <param name="trialNumber">A trial's number.</param>
    /// <returns>The partition's key, or <see langword="null"/>.</returns>
    /// <remarks>A pruner that wraps another must return the wrapped pruner's answer, or Hyperband's brackets would
    /// mix in the sampler's model. It is called for every trial each time the sampler lists trials, so it must be
    /// cheap, and the same for a trial number every time once not <see langword="null"/>.</remarks>
    public virtual int? SamplerPartition(Study study, int trialNumber) => null;
}
