using Hone.Pruners;
using Hone.Samplers;
using Hone.Tests.Support;

namespace Hone.Tests.Pruners;

/// <summary>Builds the small fixed studies the pruner tests run on.</summary>
internal static class PrunerTestStudies
{
    /// <summary>Creates an in-memory single-objective study with the pruner.</summary>
    public static Study Create(
        Pruner pruner, StudyDirection direction = StudyDirection.Minimize, CapturingLoggerFactory? logs = null) =>
        Study.Create(new StudyOptions
        {
            Pruner = pruner,
            Direction = direction,
            Sampler = new RandomSampler(0),
            LoggerFactory = logs,
        });

    /// <summary>Creates a study of two objectives (minimize, maximize) whose intermediate values track objective 1,
    /// the maximized one.</summary>
    public static Study CreateTwoObjectives(Pruner pruner) =>
        Study.Create(new StudyOptions
        {
            Pruner = pruner,
            Directions = [StudyDirection.Minimize, StudyDirection.Maximize],
            PruningObjective = 1,
            Sampler = new RandomSampler(0),
        });

    /// <summary>Adds a complete trial whose intermediate value at step i is <paramref name="byStep"/>[i].</summary>
    public static FrozenTrial AddComplete(Study study, double value, params double[] byStep) =>
        AddComplete(study, [value], byStep);

    /// <summary>Adds a complete trial with several objective values.</summary>
    public static FrozenTrial AddComplete(Study study, IReadOnlyList<double> values, params double[] byStep) =>
        study.AddTrial(new FrozenTrial
        {
            State = TrialState.Complete,
            Values = values,
            IntermediateValues = byStep.Select((v, i) => (v, i)).ToDictionary(p => p.i, p => p.v),
        });

    /// <summary>Adds a complete trial with intermediate values at the given steps only.</summary>
    public static FrozenTrial AddComplete(Study study, double value, IReadOnlyDictionary<int, double> byStep) =>
        study.AddTrial(new FrozenTrial
        {
            State = TrialState.Complete,
            Values = [value],
            IntermediateValues = byStep,
        });

    /// <summary>Reports <paramref name="byStep"/>[i] at step i, asking the pruner after each report, and returns
    /// the steps at which it said to prune (the trial goes on regardless).</summary>
    public static int[] ReportAll(Trial trial, params double[] byStep)
    {
        var pruned = new List<int>();
        for (int step = 0; step < byStep.Length; step++)
        {
            trial.Report(byStep[step], step);
            if (trial.ShouldPrune())
            {
                pruned.Add(step);
            }
        }

        return [.. pruned];
    }

    /// <summary>Reports one value and asks the pruner.</summary>
    public static bool ReportAndAsk(Trial trial, double value, int step)
    {
        trial.Report(value, step);
        return trial.ShouldPrune();
    }
}
