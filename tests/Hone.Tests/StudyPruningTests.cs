using Hone.Pruners;
using Hone.Samplers;
using Hone.Storages;

namespace Hone.Tests;

/// <summary>Pruning in studies of several objectives, and what the sampler sees when a pruner partitions trials.
/// </summary>
public sealed class StudyPruningTests
{
    private static readonly StudyDirection[] TwoObjectives = [StudyDirection.Minimize, StudyDirection.Maximize];

    [Fact]
    public void Create_SeveralObjectivesWithAPrunerButNoPruningObjective_ThrowsAndStoresNothing()
    {
        var storage = new InMemoryStorage();

        var error = Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions
        {
            Name = "mo",
            Storage = storage,
            Directions = TwoObjectives,
            Pruner = new AlwaysPruner(),
        }));

        Assert.Contains("AlwaysPruner", error.Message, StringComparison.Ordinal);
        Assert.Contains("PruningObjective", error.Message, StringComparison.Ordinal);
        Assert.Empty(storage.GetAllStudies());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void Create_PruningObjectiveOutsideTheObjectives_Throws(int objective)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Study.Create(new StudyOptions
        {
            Directions = TwoObjectives,
            PruningObjective = objective,
        }));

        Assert.Contains($"but got {objective}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_SeveralObjectivesWithoutPruningObjective_ThrowsAndSaysWhatToSet()
    {
        var study = Study.Create(new StudyOptions { Directions = TwoObjectives });
        var trial = study.Ask();

        var error = Assert.Throws<InvalidOperationException>(() => trial.Report(1.0, 0));

        Assert.Contains("PruningObjective", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => study.PruningDirection);
    }

    [Fact]
    public void Optimize_SeveralObjectivesWithPruningObjective_ReportsAndPrunesByThatObjective()
    {
        var study = Study.Create(new StudyOptions
        {
            Directions = TwoObjectives,
            PruningObjective = 1,
            Pruner = new AlwaysPruner(),
            Sampler = new RandomSampler(0),
        });

        study.Optimize(t =>
        {
            double x = t.SuggestFloat("x", 0, 1);
            t.Report(x, 0);
            if (t.ShouldPrune())
            {
                throw new TrialPrunedException();
            }

            return [x, 1 - x];
        }, trials: 3);

        Assert.Equal(StudyDirection.Maximize, study.PruningDirection);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Pruned, t.State));
        Assert.All(study.Trials, t => Assert.Equal((double)t.Params["x"]!, t.IntermediateValues[0]));
    }

    [Fact]
    public void Sampler_WithAPartitioningPruner_SeesOnlyTheTrialsOfTheSamePartition()
    {
        var sampler = new RecordingSampler();
        var study = Study.Create(new StudyOptions { Sampler = sampler, Pruner = new ParityPruner() });

        study.Optimize(t => t.SuggestFloat("x", 0, 1), trials: 7);

        Assert.Equal(7, sampler.Seen.Count);
        foreach (var (number, seen) in sampler.Seen)
        {
            Assert.All(seen, other => Assert.Equal(number % 2, other % 2));
        }

        Assert.Equal([0, 2, 4], sampler.Seen[6]);
    }

    [Fact]
    public void Tell_PrunedInSeveralObjectives_KeepsNoValueAndCopiesBack()
    {
        // One intermediate value is not one value per objective: a pruned trial of a two-objective study keeps
        // its reports but no values, and AddTrial takes such a trial back (a study copy does that).
        var study = Study.Create(new StudyOptions { Directions = TwoObjectives, PruningObjective = 1 });
        var trial = study.Ask();
        trial.Report(0.7, 3);

        var pruned = study.Tell(trial, TrialState.Pruned);
        var copy = Study.Create(new StudyOptions { Directions = TwoObjectives, PruningObjective = 1 })
            .AddTrial(pruned with { Number = 0, TrialId = 0 });

        Assert.Null(pruned.Values);
        Assert.Equal(0.7, pruned.IntermediateValues[3]);
        Assert.Null(copy.Values);
        Assert.Equal(TrialState.Pruned, copy.State);
    }

    [Fact]
    public void Sampler_PrunerThatWrapsHyperband_KeepsItsBracketsWhenItForwardsThePartition()
    {
        var sampler = new RecordingSampler();
        var study = Study.Create(new StudyOptions
        {
            Name = "hb",
            Sampler = sampler,
            Pruner = new Wrapper(new HyperbandPruner(new HyperbandPrunerOptions { MaxResource = 81 })),
        });
        var brackets = HyperbandPruner.Brackets(1, 81, 3);

        study.Optimize(t => t.SuggestFloat("x", 0, 1), trials: 12);

        Assert.All(sampler.Seen, seen => Assert.All(seen.Value, other => Assert.Equal(
            HyperbandPruner.BracketOf("hb", seen.Key, brackets), HyperbandPruner.BracketOf("hb", other, brackets))));
        Assert.Equal([0, 2, 4, 5, 6], sampler.Seen[11]);
    }

    /// <summary>A user's pruner around another, which passes on the partition as the contract asks.</summary>
    private sealed class Wrapper(Pruner inner) : Pruner
    {
        public override bool Prune(Study study, FrozenTrial trial) => inner.Prune(study, trial);

        public override int? SamplerPartition(Study study, int trialNumber) =>
            inner.SamplerPartition(study, trialNumber);
    }

    private sealed class AlwaysPruner : Pruner
    {
        public override bool Prune(Study study, FrozenTrial trial) => trial.IntermediateValues.Count > 0;
    }

    private sealed class ParityPruner : Pruner
    {
        public override bool Prune(Study study, FrozenTrial trial) => false;

        public override int? SamplerPartition(Study study, int trialNumber) => trialNumber % 2;
    }

    private sealed class RecordingSampler : Sampler
    {
        private readonly RandomSampler _inner = new(1);

        public Dictionary<int, int[]> Seen { get; } = [];

        public override double SampleIndependent(Study study, FrozenTrial trial, string name,
            Hone.Distributions.Distribution distribution)
        {
            Seen[trial.Number] = [.. study.GetTrials(TrialState.Complete).Select(t => t.Number)];
            return _inner.SampleIndependent(study, trial, name, distribution);
        }
    }
}
