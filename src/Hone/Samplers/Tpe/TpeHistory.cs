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
        var groups = Classify(all);
        int finished = groups.Finished.Count;
        bool multi = study.Directions.Count > 1;
        int below = options.Gamma is { } gamma
            ? CheckedGamma(gamma(finished), finished)
            : multi ? (int)Math.Ceiling(0.1 * finished) : Math.Min((int)Math.Ceiling(0.1 * finished), 25);
        var good = GoodTrialIds(study, groups, below);

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

        return new TpeHistory(groups.Finished, goodTrials, badTrials, multi);
    }

    /// <summary>Sorts the finished trials into feasible complete, infeasible complete and pruned ones; failed and
    /// unfinished trials are left out.</summary>
    private static Classified Classify(IReadOnlyList<FrozenTrial> all)
    {
        var groups = new Classified([], [], [], new List<FrozenTrial>(all.Count));
        foreach (var trial in all)
        {
            var group = trial.State switch
            {
                TrialState.Complete when Feasibility.IsFeasible(trial.SystemAttributes) => groups.Complete,
                TrialState.Complete => groups.Infeasible,
                TrialState.Pruned => groups.Pruned,
                _ => null,
            };
            group?.Add(trial);
            if (group is not null)
            {
                groups.Finished.Add(trial);
            }
        }

        return groups;
    }

    /// <summary>Returns the ids of the good group: the best <paramref name="below"/> completed trials, then the
    /// best pruned ones, then the least infeasible ones. Only the good group needs ranking.</summary>
    private static HashSet<long> GoodTrialIds(Study study, Classified groups, int below)
    {
        var ranked = study.Directions.Count > 1
            ? ParetoRanking.Rank(groups.Complete, study.Directions, below)
            : Best(groups.Complete, below, study.Direction == StudyDirection.Minimize ? 1 : -1);
        ranked = [.. ranked.Take(below)];
        if (ranked.Count < below)
        {
            var direction = study.PruningObjective is null ? study.Directions[0] : study.PruningDirection;
            ranked.AddRange(groups.Pruned.OrderBy(t => t, PrunedOrder.For(direction)).Take(below - ranked.Count));
        }

        if (ranked.Count < below)
        {
            ranked.AddRange(groups.Infeasible.OrderBy(t => Feasibility.Violation(t.SystemAttributes)));
        }

        return [.. ranked.Take(below).Select(t => t.TrialId)];
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

    /// <summary>Holds the finished trials by kind, each list in trial-number order.</summary>
    private sealed record Classified(
        List<FrozenTrial> Complete, List<FrozenTrial> Infeasible, List<FrozenTrial> Pruned, List<FrozenTrial> Finished);
}
