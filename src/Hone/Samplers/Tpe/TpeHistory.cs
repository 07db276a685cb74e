using Hone.Internal;
namespace Hone.Samplers.Tpe;

/// <summary>Splits a study's trials into the good group (below) and the bad group (above), both in trial-number
/// order, as TPE sees them for one new trial.</summary>
/// <remarks>
/// Ranking: completed feasible trials by value (several objectives: non-dominated fronts, the last one cut by
/// hypervolume contribution), then pruned trials (deepest step first, then their value at that step, NaN last),
/// then infeasible trials by total violation. The first γ(n) form the good group; the rest, and running trials when
/// the constant liar is on, the bad group. Failed and waiting trials are ignored.
/// </remarks>
internal sealed class TpeHistory
{
    private TpeHistory(
        List<FrozenTrial> finished, List<FrozenTrial> below, List<FrozenTrial> above, bool multiObjective)
    {
        Finished = finished;
        Below = below;
        Above = above;
        MultiObjective = multiObjective;
    }

    /// <summary>Gets the number of completed and pruned trials (running ones excluded).</summary>
    public int FinishedCount => Finished.Count;

    /// <summary>Gets the completed and pruned trials, in trial-number order.</summary>
    public List<FrozenTrial> Finished { get; }

    public List<FrozenTrial> Below { get; }

    public List<FrozenTrial> Above { get; }

    public bool MultiObjective { get; }

    public static TpeHistory Load(Study study, FrozenTrial current, TpeSamplerOptions options)
    {
        var all = study.Trials;
        var finishedTrials = new List<FrozenTrial>(all.Count);
        var complete = new List<FrozenTrial>();
        var infeasible = new List<FrozenTrial>();
        var pruned = new List<FrozenTrial>();
        foreach (var trial in all)
        {
            switch (trial.State)
            {
                case TrialState.Complete when Feasibility.IsFeasible(trial.SystemAttributes):
                    complete.Add(trial);
                    break;
                case TrialState.Complete:
                    infeasible.Add(trial);
                    break;
                case TrialState.Pruned:
                    pruned.Add(trial);
                    break;
                default:
                    continue;
            }

            finishedTrials.Add(trial);
        }

        int finished = finishedTrials.Count;
        bool multi = study.Directions.Count > 1;
        int below = options.Gamma is { } gamma
            ? CheckedGamma(gamma(finished), finished)
            : multi ? (int)Math.Ceiling(0.1 * finished) : Math.Min((int)Math.Ceiling(0.1 * finished), 25);

        // Only the good group needs ranking: the best `below` completed trials, then pruned, then infeasible ones.
        var good = new HashSet<long>(below);
        var ranked = multi
            ? ParetoRanking.Rank(complete, study.Directions, below)
            : Best(complete, below, study.Direction == StudyDirection.Minimize ? 1 : -1);
        ranked = [.. ranked.Take(below)];
        if (ranked.Count < below)
        {
            var direction = study.PruningObjective is null ? study.Directions[0] : study.PruningDirection;
            ranked.AddRange(pruned.OrderBy(t => t, PrunedOrder.For(direction)).Take(below - ranked.Count));
        }

        if (ranked.Count < below)
        {
            ranked.AddRange(infeasible.OrderBy(t => Feasibility.Violation(t.SystemAttributes)));
        }

        foreach (var trial in ranked.Take(below))
        {
            good.Add(trial.TrialId);
        }

        // Both groups in trial-number order; running trials join the bad group when the constant liar is on.
        var goodTrials = new List<FrozenTrial>(below);
        var badTrials = new List<FrozenTrial>(all.Count - below);
        foreach (var trial in all)
        {
            if (good.Contains(trial.TrialId))
            {
                goodTrials.Add(trial);
            }
            else if (trial.State is TrialState.Complete or TrialState.Pruned
                || (trial.State == TrialState.Running && options.ConstantLiar && trial.TrialId != current.TrialId))
            {
                badTrials.Add(trial);
            }
        }

        return new TpeHistory(finishedTrials, goodTrials, badTrials, multi);
    }

    /// <summary>Checks the size of the good group that a user's gamma function returned.</summary>
    private static int CheckedGamma(int below, int finished) => below >= 0 && below <= finished
        ? below
        : throw new InvalidOperationException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"TpeSamplerOptions.Gamma must return a size between 0 and the number of finished trials, but for "
            + $"n={finished} it returned {below}."));

    /// <summary>Returns the <paramref name="count"/> best completed trials by value, ties to the lower number,
    /// best first: one pass that keeps a small sorted list, since the good group is a small part of a long study.
    /// </summary>
    private static List<FrozenTrial> Best(List<FrozenTrial> complete, int count, double sign)
    {
        var best = new List<FrozenTrial>(count + 1);
        var keys = new List<double>(count + 1);
        if (count == 0)
        {
            return best;
        }

        foreach (var trial in complete)
        {
            double key = sign * trial.Values![0];
            if (best.Count == count && key >= keys[^1])
            {
                continue;
            }

            // After the last key not above this one: the earlier trial wins a tie (trials come in number order).
            int at = keys.Count;
            while (at > 0 && keys[at - 1] > key)
            {
                at--;
            }

            keys.Insert(at, key);
            best.Insert(at, trial);
            if (best.Count > count)
            {
                keys.RemoveAt(count);
                best.RemoveAt(count);
            }
        }

        return best;
    }

    /// <summary>Orders pruned trials: deepest last step first, then the better value at it; NaN and no report
    /// come last.</summary>
    private sealed class PrunedOrder(double sign) : IComparer<FrozenTrial>
    {
        public static PrunedOrder For(StudyDirection direction) =>
            new(direction == StudyDirection.Minimize ? 1 : -1);

        public int Compare(FrozenTrial? x, FrozenTrial? y)
        {
            var (stepX, valueX) = Score(x!);
            var (stepY, valueY) = Score(y!);
            int byStep = stepY.CompareTo(stepX);
            return byStep != 0 ? byStep : valueX.CompareTo(valueY);
        }

        private (long Step, double Value) Score(FrozenTrial trial)
        {
            if (trial.LastStep is not { } step)
            {
                return (-1, double.PositiveInfinity);
            }

            double value = trial.IntermediateValues[step];
            return (step, double.IsNaN(value) ? double.PositiveInfinity : sign * value);
        }
    }
}
