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
    private TpeHistory(int finishedCount, List<FrozenTrial> below, List<FrozenTrial> above, bool multiObjective)
    {
        FinishedCount = finishedCount;
        Below = below;
        Above = above;
        MultiObjective = multiObjective;
    }

    /// <summary>Gets the number of completed and pruned trials (running ones excluded).</summary>
    public int FinishedCount { get; }

    public List<FrozenTrial> Below { get; }

    public List<FrozenTrial> Above { get; }

    public bool MultiObjective { get; }

    public static TpeHistory Load(Study study, FrozenTrial current, TpeSamplerOptions options)
    {
        var all = study.Trials;
        var complete = new List<FrozenTrial>();
        var infeasible = new List<FrozenTrial>();
        var pruned = new List<FrozenTrial>();
        var running = new List<FrozenTrial>();
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
                case TrialState.Running when options.ConstantLiar && trial.TrialId != current.TrialId:
                    running.Add(trial);
                    break;
            }
        }

        int finished = complete.Count + infeasible.Count + pruned.Count;
        bool multi = study.Directions.Count > 1;
        int below = options.Gamma?.Invoke(finished)
            ?? (multi ? (int)Math.Ceiling(0.1 * finished) : Math.Min((int)Math.Ceiling(0.1 * finished), 25));
        below = Math.Clamp(below, 0, finished);

        var ranked = new List<FrozenTrial>(finished + running.Count);
        ranked.AddRange(multi ? ParetoRanking.Rank(complete, study.Directions, below) : SortByValue(complete, study));
        ranked.AddRange(pruned.OrderBy(t => t, PrunedOrder.For(study.Directions[0])));
        ranked.AddRange(infeasible.OrderBy(t => Feasibility.Violation(t.SystemAttributes)));

        var good = ranked.GetRange(0, below);
        var bad = ranked.GetRange(below, ranked.Count - below);
        bad.AddRange(running);
        good.Sort(ByNumber);
        bad.Sort(ByNumber);
        return new TpeHistory(finished, good, bad, multi);
    }

    private static int ByNumber(FrozenTrial a, FrozenTrial b) => a.Number.CompareTo(b.Number);

    private static IEnumerable<FrozenTrial> SortByValue(List<FrozenTrial> complete, Study study)
    {
        double sign = study.Direction == StudyDirection.Minimize ? 1 : -1;
        return complete.OrderBy(t => sign * t.Values![0]).ThenBy(t => t.Number);
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
