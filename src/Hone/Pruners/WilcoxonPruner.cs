using System.Globalization;
using Hone.Internal;

namespace Hone.Pruners;

/// <summary>Prunes a trial when a Wilcoxon signed-rank test finds it worse than the best completed trial, for
/// objectives that average a score over instances (problems, folds, questions) and report one step per instance.
/// </summary>
/// <remarks>
/// <para>
/// Report each instance's score with its instance id as the step (<c>trial.Report(score, instanceId)</c>), in any
/// order, and the same id for the same instance in every trial: the pruner pairs the running trial's values with the
/// best completed trial's values at the same steps, so it needs the best trial to have reported those steps too. A
/// trial added with <see cref="Study.AddTrial(FrozenTrial)"/> must carry its
/// <see cref="FrozenTrial.IntermediateValues"/> for this. Shuffling the instance order in each trial keeps early
/// decisions from depending on the first few instances.
/// </para>
/// <para>
/// The best trial is the complete (and feasible) trial with the best value of the objective that intermediate values
/// track (<see cref="Study.PruningObjective"/>), in <see cref="Study.PruningDirection"/>; the lowest number wins a tie.
/// With the differences d = current − best over the shared steps, the one-sided test asks whether the current trial
/// is worse (d tends to be positive when minimizing, negative when maximizing); zero differences split their rank
/// between both sides, and the p-value is exact up to 50 shared steps and from the normal approximation with tie
/// correction beyond. The trial is pruned when p &lt; <see cref="WilcoxonPrunerOptions.PThreshold"/>, unless the
/// mean of all its reported values is at least as good as the mean of all the best trial's values: then it could
/// still become the best, so it is kept for now.
/// </para>
/// <para>
/// The trial is never pruned when it has no intermediate values; when there is no completed trial; when the best
/// trial has no intermediate values; when either trial reported NaN or an infinity; or when they share fewer than
/// max(2, <see cref="WilcoxonPrunerOptions.StartupSteps"/>) steps. The cases that point to a mistake are logged once
/// per study as warnings (<see cref="HoneEventIds.PrunerCannotCompare"/>). Since a pruned trial has no value of its
/// own, the objective may instead return an estimate (such as the mean so far) when
/// <see cref="Trial.ShouldPrune"/> says so, and let the trial complete. The pruner keeps no state and is
/// thread-safe.
/// </para>
/// </remarks>
public sealed class WilcoxonPruner : Pruner
{
    private readonly double _pThreshold;
    private readonly int _startupSteps;

    /// <summary>Creates a Wilcoxon pruner.</summary>
    /// <param name="options">The options; the defaults when <see langword="null"/>. They are copied.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="WilcoxonPrunerOptions.PThreshold"/> is not in
    /// [0, 1], or <see cref="WilcoxonPrunerOptions.StartupSteps"/> is negative.</exception>
    public WilcoxonPruner(WilcoxonPrunerOptions? options = null)
    {
        options ??= new WilcoxonPrunerOptions();
        Guard.InRange(options.PThreshold, 0, 1, nameof(options.PThreshold));
        Guard.AtLeast(options.StartupSteps, 0, nameof(options.StartupSteps));
        _pThreshold = options.PThreshold;
        _startupSteps = options.StartupSteps;
    }

    /// <inheritdoc />
    public override bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var current = trial.IntermediateValues;
        if (current.Count == 0)
        {
            return false;
        }

        if (!current.Values.All(double.IsFinite))
        {
            Warn(study, trial, "current-not-finite",
                "its intermediate values include NaN or an infinity, so it is not pruned");
            return false;
        }

        var direction = study.PruningDirection;
        if (FindBestTrial(study, direction) is not { } best)
        {
            return false;
        }

        var reference = best.IntermediateValues;
        if (reference.Count == 0)
        {
            Warn(study, trial, "best-no-values", Describe(best, "reported no intermediate values, so no trial is "
                + "pruned; give a trial added with AddTrial its IntermediateValues"));
            return false;
        }

        if (!reference.Values.All(double.IsFinite))
        {
            Warn(study, trial, "best-not-finite", Describe(best, "has NaN or an infinity among its intermediate "
                + "values, so no trial is pruned"));
            return false;
        }

        var differences = new List<double>(current.Count);
        foreach (var (step, value) in current)
        {
            if (reference.TryGetValue(step, out double bestValue))
            {
                differences.Add(value - bestValue);
            }
        }

        if (differences.Count < current.Count)
        {
            // Not a reason to stop: the shared steps are still compared.
            Warn(study, trial, "steps-missing", Describe(best, "lacks steps this trial reported; those steps are "
                + "left out of the comparison"));
        }

        if (differences.Count < Math.Max(2, _startupSteps))
        {
            return false;
        }

        double p = WilcoxonSignedRankTest.PValue(differences, greater: direction == StudyDirection.Minimize);
        if (!(p < _pThreshold))
        {
            return false;
        }

        // The test may call a trial worse while its mean is still as good as the best trial's: it could become the
        // new best, so it is kept, as Optuna does.
        double currentMean = current.Values.Average();
        double bestMean = reference.Values.Average();
        return IntermediateValueMath.IsBetter(bestMean, currentMean, direction);
    }

    /// <summary>Finds the complete, feasible trial with the best value of the pruning objective, the first on ties.
    /// </summary>
    private static FrozenTrial? FindBestTrial(Study study, StudyDirection direction)
    {
        int objective = study.PruningObjective ?? 0;
        FrozenTrial? best = null;
        foreach (var t in study.GetTrials(TrialState.Complete))
        {
            if (t.Values is { } values && Feasibility.IsFeasible(t.SystemAttributes)
                && (best is null || IntermediateValueMath.IsBetter(values[objective], best.Values![objective],
                    direction)))
            {
                best = t;
            }
        }

        return best;
    }

    private static string Describe(FrozenTrial best, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"the best trial ({best.Number}) {what}");

    private static void Warn(Study study, FrozenTrial trial, string key, string reason)
    {
        if (study.FirstTime("WilcoxonPruner:" + key))
        {
            Log.PrunerCannotCompare(study.Logger, nameof(WilcoxonPruner), trial.Number, reason);
        }
    }
}
