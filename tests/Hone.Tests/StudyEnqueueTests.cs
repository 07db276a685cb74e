using Hone.Samplers;
using Hone.Tests.Support;

namespace Hone.Tests;

public sealed class StudyEnqueueTests
{
    [Fact]
    public void EnqueueTrial_NextTrialUsesValuesAndAttributes()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(1) });
        study.EnqueueTrial(
            new Dictionary<string, object?> { ["x"] = 0.25, ["n"] = 3, ["c"] = "b" },
            new Dictionary<string, object?> { ["source"] = "manual" });

        study.Optimize(t => t.SuggestFloat("x", 0, 1) + t.SuggestInt("n", 1, 4)
            + (t.SuggestCategorical("c", "a", "b") == "b" ? 0 : 1) + t.SuggestFloat("free", 0, 1), trials: 2);

        var first = study.Trials[0];
        Assert.Equal(0.25, first.Params["x"]);
        Assert.Equal(3L, first.Params["n"]);
        Assert.Equal("b", first.Params["c"]);
        Assert.Equal("manual", first.UserAttributes["source"]);
        Assert.Contains("free", first.Params.Keys);
        Assert.Equal(TrialState.Complete, study.Trials[1].State);
    }

    [Fact]
    public void EnqueueTrial_EachQueuedTrialIsUsedOnce()
    {
        var study = Study.Create();
        for (int i = 0; i < 5; i++)
        {
            study.EnqueueTrial(new Dictionary<string, object?> { ["k"] = i });
        }

        study.Optimize(t => t.SuggestInt("k", 0, 100), trials: 5, jobs: 2);

        Assert.Equal([0L, 1L, 2L, 3L, 4L], study.Trials.Select(t => (long)t.Params["k"]!).Order());
    }

    [Fact]
    public void EnqueueTrial_SkipIfExists_SkipsKnownValues()
    {
        var study = Study.Create();
        var values = new Dictionary<string, object?> { ["x"] = 0.5 };

        Assert.True(study.EnqueueTrial(values, skipIfExists: true));
        Assert.False(study.EnqueueTrial(values, skipIfExists: true));
        study.Optimize(t => t.SuggestFloat("x", 0, 1), trials: 1);
        Assert.False(study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.5 }, skipIfExists: true));

        Assert.Single(study.Trials);
    }

    [Fact]
    public void EnqueueTrial_OutOfRangeValue_IsUsedWithWarning()
    {
        var logs = new CapturingLoggerFactory();
        var study = Study.Create(new StudyOptions { LoggerFactory = logs });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 2.0 });

        study.Optimize(t => t.SuggestFloat("x", 5, 10), trials: 1);

        Assert.Equal(2.0, study.Trials[0].Params["x"]);
        Assert.Equal(TrialState.Complete, study.Trials[0].State);
        Assert.Single(logs.Warnings, w => w.EventId == HoneEventIds.ValueOutsideDistribution);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void EnqueueTrial_NonFiniteValue_ThrowsNamingParameter(double value)
    {
        var study = Study.Create();

        var error = Assert.Throws<ArgumentException>(
            () => study.EnqueueTrial(new Dictionary<string, object?> { ["lr"] = value }));

        Assert.Contains("'lr'", error.Message, StringComparison.Ordinal);
        Assert.Empty(study.Trials);
    }

    [Fact]
    public void EnqueueTrial_InvalidForLogScale_FailsTheTrialThatWouldUseIt()
    {
        var study = Study.Create();
        study.EnqueueTrial(new Dictionary<string, object?> { ["lr"] = 0.0 });

        var error = Assert.Throws<ArgumentException>(
            () => study.Optimize(t => t.SuggestFloat("lr", 1e-4, 1, log: true), trials: 1));

        Assert.Contains("'lr'", error.Message, StringComparison.Ordinal);
        Assert.Equal(TrialState.Fail, study.Trials[0].State);
        study.Optimize(t => t.SuggestFloat("lr", 1e-4, 1, log: true), trials: 1);
        Assert.Equal(TrialState.Complete, study.Trials[1].State);
        Assert.Throws<ArgumentException>(() => study.EnqueueTrial(new Dictionary<string, object?> { ["lr"] = -1 }));
    }
}
