using Hone.Pruners;
using Hone.Samplers;
using Hone.Samples.Digits;

namespace Hone.Samples.Tests;

public sealed class DigitsObjectiveTests
{
    private static readonly Dictionary<string, object?> GoodParameters = new()
    {
        ["n_layers"] = 1L,
        ["n_units_l0"] = 64L,
        ["lr"] = 0.05,
        ["optimizer"] = "nesterov",
        ["momentum"] = 0.9,
    };

    [Fact]
    public void Evaluate_GoodParameters_ReachesLowError()
    {
        var objective = new DigitsObjective(TestData.Digits.Split(0.2, seed: 0), epochs: 5, batchSize: 32, seed: 0);

        var error = objective.Evaluate(new FixedTrial(GoodParameters));

        Assert.InRange(error, 0.0, 0.08);
    }

    [Fact]
    public void Evaluate_SameTrialNumber_GivesSameError()
    {
        var objective = new DigitsObjective(TestData.Digits.Split(0.2, seed: 0), epochs: 2, batchSize: 32, seed: 0);

        var first = objective.Evaluate(new FixedTrial(GoodParameters, number: 3));
        var second = objective.Evaluate(new FixedTrial(GoodParameters, number: 3));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Evaluate_InStudy_SuggestsMomentumOnlyForNesterov()
    {
        var split = TestData.Digits.Take(300).Split(0.2, seed: 0);
        var objective = new DigitsObjective(split, epochs: 1, batchSize: 32, seed: 0);
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(1) });

        study.Optimize(objective.Evaluate, trials: 12);

        Assert.All(study.Trials, t =>
        {
            Assert.Equal(TrialState.Complete, t.State);
            Assert.Equal(t.Params["optimizer"] as string == "nesterov", t.Params.ContainsKey("momentum"));
            Assert.Equal(
                (long)t.Params["n_layers"]!,
                t.Params.Keys.Count(k => k.StartsWith("n_units_l", StringComparison.Ordinal)));
            Assert.Single(t.IntermediateValues);
        });
    }

    [Fact]
    public void Evaluate_PrunerSaysStop_TrialIsPrunedAfterFirstEpoch()
    {
        var split = TestData.Digits.Take(300).Split(0.2, seed: 0);
        var objective = new DigitsObjective(split, epochs: 5, batchSize: 32, seed: 0);
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(1), Pruner = new AlwaysPrune() });

        study.Optimize(objective.Evaluate, trials: 2);

        Assert.All(study.Trials, t =>
        {
            Assert.Equal(TrialState.Pruned, t.State);
            Assert.Equal([0], t.IntermediateValues.Keys);
        });
    }

    private sealed class AlwaysPrune : Pruner
    {
        public override bool Prune(Study study, FrozenTrial trial) => true;
    }
}
