using Hone.Internal;
namespace Hone.Pruners;

/// <summary>Lets another pruner act only once a trial has stopped improving for a number of steps, or, with no
/// other pruner, stops such a trial itself (early stopping).</summary>
/// <remarks>
/// <para>
/// The pruner sorts the trial's reported steps and splits them into the patience window (the last
/// <c>patience + 1</c> steps) and the steps before it. The trial has stalled when the best value in the window is
/// worse than the best value before it by more than <see cref="PatientPrunerOptions.MinDelta"/>: when minimizing,
/// <c>min(window) &gt; min(before) + MinDelta</c>; when maximizing, <c>max(window) &lt; max(before) − MinDelta</c>.
/// The direction is <see cref="Study.PruningDirection"/>. A stalled trial is handed to the wrapped pruner, which
/// decides; without one it is pruned.
/// </para>
/// <para>
/// So at least <c>patience + 2</c> steps must be reported before anything can happen. As in Optuna, a window that
/// merely equals the earlier best has not stalled: the rule prunes only on a real worsening beyond
/// <see cref="PatientPrunerOptions.MinDelta"/>. NaN values are ignored; when every value in the window, or every
/// value before it, is NaN, the trial is kept. The pruner keeps no state of its own, so it is as thread-safe as
/// the pruner it wraps.
/// </para>
/// </remarks>
public sealed class PatientPruner : Pruner
{
    private readonly Pruner? _wrapped;
    private readonly int _patience;
    private readonly double _minDelta;

    /// <summary>Creates a patient pruner.</summary>
    /// <param name="wrappedPruner">The pruner that decides once the trial has stalled, such as a
    /// <see cref="MedianPruner"/>; <see langword="null"/> to prune on patience alone.</param>
    /// <param name="patience">How many reported steps in a row may be worse than the trial's earlier best before it
    /// counts as stalled (the next such step makes it stalled); 0 or more.</param>
    /// <param name="options">The options; the defaults when <see langword="null"/>. They are copied.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="patience"/> is negative, or
    /// <see cref="PatientPrunerOptions.MinDelta"/> is negative, infinite or NaN.</exception>
    public PatientPruner(Pruner? wrappedPruner, int patience, PatientPrunerOptions? options = null)
    {
        options ??= new PatientPrunerOptions();
        Guard.AtLeast(patience, 0, nameof(patience));
        Guard.FiniteAtLeastZero(options.MinDelta, nameof(options.MinDelta));

        _wrapped = wrappedPruner;
        _patience = patience;
        _minDelta = options.MinDelta;
    }

    /// <inheritdoc />
    public override bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var values = trial.IntermediateValues;
        if (values.Count <= _patience + 1)
        {
            return false;
        }

        int[] steps = [.. values.Keys.Order()];
        int windowStart = steps.Length - _patience - 1;
        var direction = study.PruningDirection;
        double bestBefore = IntermediateValueMath.NanBest(steps[..windowStart].Select(s => values[s]), direction);
        double bestInWindow = IntermediateValueMath.NanBest(steps[windowStart..].Select(s => values[s]), direction);

        // A NaN on either side makes the comparison false: the trial is kept.
        bool stalled = direction == StudyDirection.Minimize
            ? bestInWindow > bestBefore + _minDelta
            : bestInWindow < bestBefore - _minDelta;
        return stalled && (_wrapped is null || _wrapped.Prune(study, trial));
    }

    /// <summary>Passes on the wrapped pruner's partition of trials (Hyperband's brackets), so that the sampler still
    /// learns from the right trials.</summary>
    public override int? SamplerPartition(Study study, int trialNumber) =>
        _wrapped?.SamplerPartition(study, trialNumber);
}
