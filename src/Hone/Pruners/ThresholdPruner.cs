using System.Globalization;
using Hone.Internal;

namespace Hone.Pruners;

/// <summary>Prunes a trial whose latest intermediate value is NaN or lies outside fixed bounds.</summary>
/// <remarks>
/// At each check the pruner reads the value at the trial's current step (its highest reported step) and prunes
/// when it is NaN, less than the lower bound or greater than the upper bound; a value equal to a bound is kept.
/// Steps below <see cref="ThresholdPrunerOptions.WarmupSteps"/> are never pruned, and past the warm-up only the
/// first step the trial reports in each window of <see cref="ThresholdPrunerOptions.IntervalSteps"/> is checked.
/// The rule ignores other trials and the study's direction, and a trial that reported nothing is kept. The pruner
/// keeps no state and is thread-safe.
/// </remarks>
public sealed class ThresholdPruner : Pruner
{
    private readonly double _lower;
    private readonly double _upper;
    private readonly int _warmupSteps;
    private readonly int _intervalSteps;

    /// <summary>Creates a threshold pruner; give at least one bound.</summary>
    /// <param name="lower">The smallest value kept; <see langword="null"/> for no lower bound.</param>
    /// <param name="upper">The largest value kept; <see langword="null"/> for no upper bound.</param>
    /// <param name="options">When to check; the defaults when <see langword="null"/>. They are copied.</param>
    /// <exception cref="ArgumentException">Neither bound is given, or <paramref name="lower"/> is greater than
    /// <paramref name="upper"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is NaN, or an option is out of range:
    /// <see cref="ThresholdPrunerOptions.WarmupSteps"/> negative or <see cref="ThresholdPrunerOptions.IntervalSteps"/>
    /// below 1.</exception>
    public ThresholdPruner(double? lower = null, double? upper = null, ThresholdPrunerOptions? options = null)
    {
        options ??= new ThresholdPrunerOptions();
        if (lower is null && upper is null)
        {
            throw new ArgumentException(
                "ThresholdPruner needs a bound: set 'lower', 'upper' or both, but got neither.", nameof(lower));
        }

        CheckNotNaN(lower, nameof(lower));
        CheckNotNaN(upper, nameof(upper));
        if (lower > upper)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"'lower <= upper' must hold, but got lower={lower}, upper={upper}."),
                nameof(lower));
        }

        Guard.AtLeast(options.WarmupSteps, 0, nameof(options.WarmupSteps));
        Guard.AtLeast(options.IntervalSteps, 1, nameof(options.IntervalSteps));
        _lower = lower ?? double.NegativeInfinity;
        _upper = upper ?? double.PositiveInfinity;
        _warmupSteps = options.WarmupSteps;
        _intervalSteps = options.IntervalSteps;
    }

    /// <inheritdoc />
    public override bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.LastStep is not { } step
            || !StepSchedule.IsCheckStep(trial.IntermediateValues, step, _warmupSteps, _intervalSteps))
        {
            return false;
        }

        double latest = trial.IntermediateValues[step];
        return double.IsNaN(latest) || latest < _lower || latest > _upper;
    }

    private static void CheckNotNaN(double? bound, string name)
    {
        if (bound is { } value && double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be a number or null, but got NaN.");
        }
    }
}
