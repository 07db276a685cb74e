using System.Globalization;
using Hone.Internal;

namespace Hone;

public sealed partial class Study
{
    /// <summary>Gets the best completed trial of a single-objective study.</summary>
    /// <exception cref="NoCompletedTrialsException">No trial is complete yet.</exception>
    /// <exception cref="InvalidOperationException">The study has several objectives; use <see cref="BestTrials"/>.
    /// </exception>
    public FrozenTrial BestTrial
    {
        get
        {
            if (Directions.Count != 1)
            {
                throw new InvalidOperationException(
                    $"Study '{Name}' has {Directions.Count} objectives, so it has no single best trial; read "
                    + "BestTrials for the Pareto front.");
            }

            return Storage.FindBestTrial(StudyId) ?? throw NoCompletedTrials();
        }
    }

    /// <summary>Gets the value of the best completed trial of a single-objective study.</summary>
    /// <exception cref="NoCompletedTrialsException">No trial is complete yet.</exception>
    /// <exception cref="InvalidOperationException">The study has several objectives.</exception>
    public double BestValue => BestTrial.Values![0];

    /// <summary>Gets the parameters of the best completed trial of a single-objective study.</summary>
    /// <exception cref="NoCompletedTrialsException">No trial is complete yet.</exception>
    /// <exception cref="InvalidOperationException">The study has several objectives.</exception>
    public IReadOnlyDictionary<string, object?> BestParams => BestTrial.Params;

    /// <summary>Gets the completed trials that no other completed trial dominates (the Pareto front), in number
    /// order; for a single objective, every trial with the best value. Trials that violate their constraints are
    /// left out. Empty when no trial is complete.</summary>
    public IReadOnlyList<FrozenTrial> BestTrials
    {
        get
        {
            var complete = Storage.GetAllTrials(StudyId, [TrialState.Complete])
                .Where(t => Feasibility.IsFeasible(t.SystemAttributes)).ToList();
            return [.. complete.Where(t => !complete.Any(o => Dominates(o.Values!, t.Values!)))];
        }
    }

    /// <summary>Tells whether <paramref name="a"/> is at least as good as <paramref name="b"/> in every objective
    /// and better in one.</summary>
    internal bool Dominates(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        bool better = false;
        for (int i = 0; i < Directions.Count; i++)
        {
            double x = Directions[i] == StudyDirection.Minimize ? a[i] : -a[i];
            double y = Directions[i] == StudyDirection.Minimize ? b[i] : -b[i];
            if (x > y)
            {
                return false;
            }

            better |= x < y;
        }

        return better;
    }

    private NoCompletedTrialsException NoCompletedTrials()
    {
        var counts = Storage.GetAllTrials(StudyId).GroupBy(t => t.State)
            .Select(g => string.Create(
                CultureInfo.InvariantCulture, $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
        string summary = string.Join(", ", counts);
        return new NoCompletedTrialsException(
            $"Study '{Name}' has no completed trial yet ({(summary.Length == 0 ? "no trials" : summary)}), so it "
            + $"has no best trial. Run trials first; a failed trial's reason is in its '{FailReasonKey}' system "
            + "attribute.");
    }
}
