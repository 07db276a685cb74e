using Hone.Distributions;
using Hone.Storages;
using Hone.Tests.Support;
using static Hone.Tests.FailureCases.FailureCaseHelpers;

namespace Hone.Tests.FailureCases;

/// <summary>BC-36: an enqueued value outside its distribution (out of range or off the grid) is used as given with a
/// warning, and a trial holding such a value can still be copied to another study.</summary>
[Trait("Issue", "BC-36")]
public sealed class Bc36OutOfRangeEnqueueTests
{
    // NOTE(hone): the SQLite and journal storages arrive with issue 5; extend this test then (run on SQLite, copy
    // to in-memory and to journal storage).
    [Fact]
    public void Optimize_EnqueuedValueBelowRange_IsUsedWithAWarningAndTheTrialCopiesToAnotherStorage()
    {
        var logs = new CapturingLoggerFactory();
        var study = CreateStudy(seed: 361, logs);
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 2 });

        study.Optimize(t => t.SuggestFloat("x", 5, 10), trials: 3);
        var target = CreateStudy(storage: new InMemoryStorage(), name: "bc36-copy");
        foreach (var trial in study.Trials)
        {
            target.AddTrial(trial);
        }

        var first = study.Trials[0];
        Assert.Equal(TrialState.Complete, first.State);
        Assert.Equal(2.0, Assert.IsType<double>(first.Params["x"]));
        Assert.Equal(2.0, first.Value);
        Assert.All(study.Trials.Skip(1), t => Assert.InRange((double)t.Params["x"]!, 5, 10));
        var warning = Assert.Single(logs.Warnings);
        Assert.Equal(HoneEventIds.ValueOutsideDistribution, warning.EventId);
        Assert.Contains("'x'", warning.Message, StringComparison.Ordinal);
        AssertCopied(study.Trials, target.Trials);
    }

    [Theory]
    [InlineData("float", 2.0)]
    [InlineData("float", 11.5)]
    [InlineData("step", 0.3)]
    [InlineData("step", 1.25)]
    [InlineData("log", 5.0)]
    [InlineData("log", 1e-6)]
    [InlineData("int", 50)]
    [InlineData("int", -3)]
    [InlineData("intstep", 3)]
    public void Optimize_EnqueuedValueOutsideDistribution_IsUsedAsGivenWithOneWarningAndCopies(
        string kind, object given)
    {
        var logs = new CapturingLoggerFactory();
        var study = CreateStudy(seed: 362, logs);
        study.EnqueueTrial(new Dictionary<string, object?> { ["p"] = given });

        study.Optimize(t => Suggest(t, kind), trials: 3);
        var target = CreateStudy(storage: new InMemoryStorage(), name: "bc36-copy-" + kind);
        var copied = target.AddTrial(study.Trials[0]);

        var first = study.Trials[0];
        Assert.Equal(TrialState.Complete, first.State);
        Assert.Equal(AsDouble(given), AsDouble(first.Params["p"]));
        Assert.Equal(AsDouble(given), first.Value);
        Assert.False(first.Distributions["p"].Contains(first.GetInternalParam("p")));
        Assert.Single(logs.Warnings, w => w.EventId == HoneEventIds.ValueOutsideDistribution);
        AssertCopied([first], [copied]);
    }

    [Fact]
    public void AddTrial_CopyIntoStudyThatAlreadyUsesTheName_KeepsTheOutOfRangeValue()
    {
        var source = CreateStudy(seed: 363);
        source.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 2.0 });
        source.Optimize(t => t.SuggestFloat("x", 5, 10), trials: 1);
        var target = CreateStudy(seed: 364, storage: new InMemoryStorage(), name: "bc36-target");
        target.Optimize(t => t.SuggestFloat("x", 0, 100), trials: 3);

        var copied = target.AddTrial(source.Trials[0]);
        target.Optimize(t => t.SuggestFloat("x", 0, 100), trials: 3);

        Assert.Equal(3, copied.Number);
        Assert.Equal(2.0, copied.Params["x"]);
        Assert.Equal(new FloatDistribution(5, 10), copied.Distributions["x"]);
        Assert.Equal(7, target.Trials.Count);
        Assert.All(target.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public void FixedTrial_ValueOutsideDistribution_IsUsedWithAWarning()
    {
        var logs = new CapturingLoggerFactory();
        var trial = new FixedTrial(new Dictionary<string, object?> { ["x"] = 2.0 }, 0, logs.CreateLogger("fixed"));

        double x = trial.SuggestFloat("x", 5, 10);

        Assert.Equal(2.0, x);
        Assert.Single(logs.Warnings, w => w.EventId == HoneEventIds.ValueOutsideDistribution);
    }

    private static double Suggest(Trial trial, string kind) => kind switch
    {
        "float" => trial.SuggestFloat("p", 5, 10),
        "step" => trial.SuggestFloat("p", 0, 1, step: 0.25),
        "log" => trial.SuggestFloat("p", 1e-3, 1, log: true),
        "int" => trial.SuggestInt("p", 1, 10),
        _ => trial.SuggestInt("p", 0, 10, step: 2),
    };

    private static void AssertCopied(IReadOnlyList<FrozenTrial> originals, IReadOnlyList<FrozenTrial> copies)
    {
        Assert.Equal(originals.Count, copies.Count);
        for (int i = 0; i < originals.Count; i++)
        {
            var original = originals[i];
            var copy = copies[i];
            Assert.Equal(original.State, copy.State);
            Assert.Equal(original.Values, copy.Values);
            Assert.Equal(original.Params, copy.Params);
            Assert.Equal(original.Distributions, copy.Distributions);
            Assert.Equal(original.StartedAt, copy.StartedAt);
            Assert.Equal(original.CompletedAt, copy.CompletedAt);
            Assert.Equal(original.UserAttributes, copy.UserAttributes);
        }
    }
}
