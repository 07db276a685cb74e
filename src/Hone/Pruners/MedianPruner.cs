namespace Hone.Pruners;

/// <summary>Prunes a trial whose best intermediate value so far is worse than the median of the completed trials'
/// values at the same step.</summary>
/// <remarks>
/// The median pruner is the <see cref="PercentilePruner"/> with percentile 50 and follows its rules: no pruning
/// before <see cref="PercentilePrunerOptions.StartupTrials"/> (5) trials are complete or before step
/// <see cref="PercentilePrunerOptions.WarmupSteps"/> (0); one check per window of
/// <see cref="PercentilePrunerOptions.IntervalSteps"/> (1) steps; at least
/// <see cref="PercentilePrunerOptions.MinTrials"/> (1) completed trials must have reported the current step; NaN
/// values are ignored, and a trial whose values are all NaN is pruned. It keeps no state and is thread-safe.
/// </remarks>
/// <example>
/// <code>
/// var study = Study.Create(new StudyOptions { Pruner = new MedianPruner() });
/// study.Optimize(trial =>
/// {
///     double lr = trial.SuggestFloat("lr", 1e-4, 1e-1, log: true);
///     double loss = 0;
///     for (int epoch = 0; epoch &lt; 20; epoch++)
///     {
///         loss = TrainOneEpoch(lr);
///         trial.Report(loss, epoch);
///         if (trial.ShouldPrune())
///         {
///             throw new TrialPrunedException();
///         }
///     }
///
///     return loss;
/// }, trials: 50);
/// </code>
/// </example>
public sealed class MedianPruner : Pruner
{
    private readonly PercentilePruner _inner;

    /// <summary>Creates a median pruner.</summary>
    /// <param name="options">The options; the defaults when <see langword="null"/>. They are copied.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see
    /// <see cref="PercentilePruner(double, PercentilePrunerOptions?)"/>).</exception>
    public MedianPruner(PercentilePrunerOptions? options = null) => _inner = new PercentilePruner(50, options);

    /// <inheritdoc />
    public override bool Prune(Study study, FrozenTrial trial) => _inner.Prune(study, trial);
}
