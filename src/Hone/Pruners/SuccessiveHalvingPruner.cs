using System.Globalization;
using Hone.Internal;

namespace Hone.Pruners;

/// <summary>Stops trials with asynchronous successive halving (ASHA): at each rung, a trial goes on only if it is
/// among the best 1/η of the trials that reached that rung.</summary>
/// <remarks>
/// <para>
/// Rung r sits at step <c>MinResource · η^(MinEarlyStoppingRate + r)</c>. A trial is checked at the first step it
/// reports at or past a rung (steps are the numbers given to <see cref="Trial.Report"/>, not a count of reports; a
/// loop that reports epochs 0, 1, 2, … reaches the rung at step 4 after five epochs). There its latest value is
/// recorded on the trial and compared with the values recorded by every trial that reached the same rung, itself
/// included: with n of them, it passes when it is no worse than the ⌊n/η⌋-th best, or when it is the best while
/// fewer than η trials have reached the rung. A NaN value stops the trial. No trial waits for others, so workers
/// never idle; the price is that early trials pass rungs more easily than late ones.
/// </para>
/// <para>Li et al., "A System for Massively Parallel Hyperparameter Tuning", MLSys 2020 (arXiv:1810.05934).</para>
/// </remarks>
public sealed class SuccessiveHalvingPruner : Pruner
{
    /// <summary>Names the study system attribute that keeps an automatic minimum resource once found.</summary>
    internal const string MinResourceKey = "sh:min_resource";

    private const string RungKeyPrefix = "sh:rung_";

    private readonly SuccessiveHalvingPrunerOptions _options;

    /// <summary>Creates a successive-halving pruner.</summary>
    /// <param name="options">The options; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range, or a bootstrap count is combined with an
    /// automatic minimum resource.</exception>
    public SuccessiveHalvingPruner(SuccessiveHalvingPrunerOptions? options = null)
    {
        options ??= new SuccessiveHalvingPrunerOptions();
        if (options.MinResource is { } minResource)
        {
            Guard.AtLeast(minResource, 1, nameof(options.MinResource));
        }

        Guard.AtLeast(options.ReductionFactor, 2, nameof(options.ReductionFactor));
        Guard.AtLeast(options.MinEarlyStoppingRate, 0, nameof(options.MinEarlyStoppingRate));
        Guard.AtLeast(options.BootstrapCount, 0, nameof(options.BootstrapCount));
        if (options.BootstrapCount > 0 && options.MinResource is null)
        {
            throw new ArgumentException(
                $"'BootstrapCount > 0' needs an explicit 'MinResource', but got BootstrapCount={options.BootstrapCount}"
                + " with an automatic MinResource; set MinResource.",
                nameof(options));
        }

        _options = new SuccessiveHalvingPrunerOptions
        {
            MinResource = options.MinResource,
            ReductionFactor = options.ReductionFactor,
            MinEarlyStoppingRate = options.MinEarlyStoppingRate,
            BootstrapCount = options.BootstrapCount,
        };
    }

    /// <inheritdoc />
    public override bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.LastStep is not { } step || MinResource(study) is not { } minResource)
        {
            return false;
        }

        double value = trial.IntermediateValues[step];
        var direction = study.PruningDirection;
        for (int rung = CompletedRungs(trial); ; rung++)
        {
            if (step < RungStep(minResource, rung))
            {
                return false;
            }

            if (double.IsNaN(value))
            {
                return true;
            }

            string key = RungKey(rung);
            study.Storage.SetTrialSystemAttribute(trial.TrialId, key, value);
            var competing = Competing(study, trial, key, value);
            if (competing.Count <= _options.BootstrapCount || !IsPromotable(value, competing, direction))
            {
                return true;
            }
        }
    }

    /// <summary>Returns the step of rung <paramref name="rung"/>, or <see cref="long.MaxValue"/> beyond any step.
    /// </summary>
    internal long RungStep(int minResource, int rung)
    {
        long step = minResource;
        for (int i = 0; i < _options.MinEarlyStoppingRate + rung; i++)
        {
            if (step > int.MaxValue)
            {
                return long.MaxValue;
            }

            step *= _options.ReductionFactor;
        }

        return step;
    }

    /// <summary>Returns the minimum resource: the option, or the one found from the first completed trial and
    /// kept on the study; <see langword="null"/> while it cannot be known yet.</summary>
    private int? MinResource(Study study)
    {
        if (_options.MinResource is { } given)
        {
            return given;
        }

        if (study.Storage.GetStudySystemAttributes(study.StudyId).GetValueOrDefault(MinResourceKey) is long stored)
        {
            return (int)stored;
        }

        int? lastStep = study.GetTrials(TrialState.Complete).Max(t => t.LastStep);
        if (lastStep is null)
        {
            return null;
        }

        int found = Math.Max(lastStep.Value / 100, 1);
        study.Storage.SetStudySystemAttribute(study.StudyId, MinResourceKey, found);
        return found;
    }

    /// <summary>Returns the values recorded at a rung by every trial of the study that reached it, this one's
    /// included.</summary>
    private static List<double> Competing(Study study, FrozenTrial trial, string key, double value)
    {
        var values = new List<double> { value };
        foreach (var other in study.Trials)
        {
            if (other.TrialId != trial.TrialId && other.SystemAttributes.GetValueOrDefault(key) is double or long)
            {
                values.Add(Convert.ToDouble(other.SystemAttributes[key], CultureInfo.InvariantCulture));
            }
        }

        return values;
    }

    private bool IsPromotable(double value, List<double> competing, StudyDirection direction)
    {
        // The ⌊n/η⌋-th best passes; while fewer than η trials reached the rung, only the best does.
        int rank = Math.Max(competing.Count / _options.ReductionFactor, 1);
        competing.Sort();
        return direction == StudyDirection.Minimize
            ? value <= competing[rank - 1]
            : value >= competing[^rank];
    }

    private static int CompletedRungs(FrozenTrial trial)
    {
        int rungs = 0;
        while (trial.SystemAttributes.ContainsKey(RungKey(rungs)))
        {
            rungs++;
        }

        return rungs;
    }

    private static string RungKey(int rung) => RungKeyPrefix + rung.ToString(CultureInfo.InvariantCulture);
}
