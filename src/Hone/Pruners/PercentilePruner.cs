using Hone.Internal;
namespace Hone.Pruners;

/// <summary>Prunes a trial whose best intermediate value so far falls outside the given top percentile of the
/// completed trials at the same step.</summary>
/// <remarks>
/// <para>
/// At each check the pruner takes the trial's current step (its highest reported step) and decides, in this order:
/// </para>
/// <list type="number">
/// <item>no completed trial, or fewer than <see cref="PercentilePrunerOptions.StartupTrials"/>: keep;</item>
/// <item>no intermediate value yet, or a step below <see cref="PercentilePrunerOptions.WarmupSteps"/>: keep;</item>
/// <item>a step that is not the first reported step of its window of
/// <see cref="PercentilePrunerOptions.IntervalSteps"/> (counted from the warm-up): keep;</item>
/// <item>the trial's best intermediate value so far (the minimum, or the maximum when
/// <see cref="Study.PruningDirection"/> is <see cref="StudyDirection.Maximize"/>), NaN values ignored, is NaN
/// because every value it reported is NaN: prune;</item>
/// <item>fewer than <see cref="PercentilePrunerOptions.MinTrials"/> completed trials reported the current step, or
/// every value they reported there is NaN: keep;</item>
/// <item>otherwise compare with the percentile of the completed trials' values at the current step (NaN values
/// ignored, linear interpolation as numpy's default): prune when the trial's best is worse, that is greater than
/// the <c>p</c>-th percentile when minimizing, or less than the <c>(100 − p)</c>-th percentile when maximizing.</item>
/// </list>
/// <para>
/// As in Optuna, each completed trial contributes the value it reported <em>at</em> the current step, not its best
/// value up to that step, while the running trial contributes its best value over all its steps; completed trials
/// that did not report that step are left out. Only complete trials count: pruned, failed and running trials are
/// never compared against. Trials without intermediate values are tolerated everywhere. The pruner keeps no state,
/// so it is safe to share between threads and studies.
/// </para>
/// </remarks>
public sealed class PercentilePruner : Pruner
{
    private readonly double _percentile;
    private readonly int _startupTrials;
    private readonly int _warmupSteps;
    private readonly int _intervalSteps;
    private readonly int _minTrials;

    /// <summary>Creates a pruner that keeps the trials in the top <paramref name="percentile"/> percent.</summary>
    /// <param name="percentile">The percentile, between 0 and 100 inclusive: with 25, a trial is kept while its best
    /// value is within the best 25 % of the completed trials' values at the same step.</param>
    /// <param name="options">The options; the defaults when <see langword="null"/>. They are copied, so later changes
    /// to the object do not affect the pruner.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percentile"/> is not in [0, 100], or an option
    /// is out of range: <see cref="PercentilePrunerOptions.StartupTrials"/> or
    /// <see cref="PercentilePrunerOptions.WarmupSteps"/> negative, <see cref="PercentilePrunerOptions.IntervalSteps"/>
    /// or <see cref="PercentilePrunerOptions.MinTrials"/> below 1.</exception>
    public PercentilePruner(double percentile, PercentilePrunerOptions? options = null)
    {
        options ??= new PercentilePrunerOptions();
        Guard.InRange(percentile, 0, 100, nameof(percentile));
        Guard.AtLeast(options.StartupTrials, 0, nameof(options.StartupTrials));
        Guard.AtLeast(options.WarmupSteps, 0, nameof(options.WarmupSteps));
        Guard.AtLeast(options.IntervalSteps, 1, nameof(options.IntervalSteps));
        Guard.AtLeast(options.MinTrials, 1, nameof(options.MinTrials));
        _percentile = percentile;
        _startupTrials = options.StartupTrials;
        _warmupSteps = options.WarmupSteps;
        _intervalSteps = options.IntervalSteps;
        _minTrials = options.MinTrials;
    }

    /// <inheritdoc />
    public override bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var completed = study.GetTrials(TrialState.Complete);
        if (completed.Count == 0 || completed.Count < _startupTrials)
        {
            return false;
        }

        if (trial.LastStep is not { } step
            || !StepSchedule.IsCheckStep(trial.IntermediateValues, step, _warmupSteps, _intervalSteps))
        {
            return false;
        }

        var direction = study.PruningDirection;
        double best = IntermediateValueMath.NanBest(trial.IntermediateValues.Values, direction);
        if (double.IsNaN(best))
        {
            // Every value the trial reported is NaN: it can only get worse than any real value.
            return true;
        }

        var atStep = new List<double>();
        foreach (var other in completed)
        {
            if (other.IntermediateValues.TryGetValue(step, out double value))
            {
                atStep.Add(value);
            }
        }

        // NaN values count as reports here, as in Optuna, but not in the percentile below.
        if (atStep.Count < _minTrials)
        {
            return false;
        }

        double percentile = direction == StudyDirection.Maximize ? 100 - _percentile : _percentile;
        double threshold = IntermediateValueMath.Percentile(atStep, percentile);
        return !double.IsNaN(threshold) && IntermediateValueMath.IsBetter(threshold, best, direction);
    }
}
