using Hone.Distributions;
using Hone.Samplers;
using Hone.Tests.Support;

namespace Hone.Tests;

/// <summary>Faults a new-user review found; each test failed before its fix.</summary>
public sealed class ReviewRegressionTests
{
    private enum Optimizer
    {
        Sgd,
        Nesterov,
    }

    [Fact]
    public void SuggestFloat_RangeWiderThanDoubles_IsRefused()
    {
        var trial = Study.Create().Ask();

        var error = Assert.Throws<ArgumentException>(() => trial.SuggestFloat("x", -1e308, 1e308));

        Assert.Contains(
            "SuggestFloat('x'): 'high - low' must be a finite number", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1, 1e-300)]
    [InlineData(-1e300, 1e300, 1)]
    public void SuggestFloat_MoreThan2To53Steps_IsRefused(double low, double high, double step)
    {
        var trial = Study.Create().Ask();

        var error = Assert.Throws<ArgumentException>(() => trial.SuggestFloat("x", low, high, step: step));

        Assert.Contains("at most 2^53 steps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_TrialToldElsewhereWhileRunning_KeepsThatStateAndGoesOn()
    {
        var logs = new CapturingLoggerFactory();
        var study = Study.Create(new StudyOptions { LoggerFactory = logs });

        study.Optimize(t =>
        {
            if (t.Number == 1)
            {
                study.Tell(t, TrialState.Fail);
            }

            return 1;
        }, trials: 3, jobs: 2);

        Assert.Equal(3, study.Trials.Count);
        Assert.Equal(TrialState.Fail, study.Trials[1].State);
        Assert.Equal(2, study.GetTrials(TrialState.Complete).Count);
        Assert.Single(logs.Warnings, w => w.EventId == HoneEventIds.TrialFinishedElsewhere);
    }

    [Fact]
    public void Stop_DoesNotCarryOverToTheNextOptimize()
    {
        var study = Study.Create();
        study.Stop();

        study.Optimize(_ => 0, trials: 3);

        Assert.Equal(3, study.Trials.Count);
    }

    [Fact]
    public void Ask_ConflictingFixedDistribution_FailsTheTrialInsteadOfLeavingItRunning()
    {
        var study = Study.Create();
        study.Optimize(t => t.SuggestFloat("x", 0, 1), trials: 1);

        Assert.Throws<IncompatibleDistributionException>(
            () => study.Ask(new Dictionary<string, Distribution> { ["x"] = new IntDistribution(0, 1) }));

        Assert.Equal(TrialState.Fail, study.Trials[1].State);
    }

    [Fact]
    public void SamplerThrowingAtTrialStart_FailsTheTrial()
    {
        var study = Study.Create(new StudyOptions { Sampler = new ThrowingSampler() });

        Assert.Throws<InvalidOperationException>(() => study.Optimize(_ => 0, trials: 2));

        Assert.Equal(TrialState.Fail, Assert.Single(study.Trials).State);
    }

    [Fact]
    public void AddTrial_WaitingWithParams_TheTrialUsesThem()
    {
        var study = Study.Create();
        study.AddTrial(new FrozenTrial
        {
            State = TrialState.Waiting,
            Params = new Dictionary<string, object?> { ["x"] = 0.5 },
            Distributions = new Dictionary<string, Distribution> { ["x"] = new FloatDistribution(0, 1) },
        });

        study.Optimize(t => t.SuggestFloat("x", 0, 1), trials: 1);

        Assert.Equal(0.5, study.Trials[0].Value);
    }

    [Fact]
    public void UserAttribute_NestedNaNString_StaysAString()
    {
        var study = Study.Create();
        var trial = study.Ask();

        trial.SetUserAttribute("list", new object[] { "NaN", double.NaN, "Infinity" });
        var stored = (IReadOnlyList<object?>)study.Tell(trial, 0).UserAttributes["list"]!;

        Assert.Equal("NaN", stored[0]);
        Assert.True(double.IsNaN((double)stored[1]!));
        Assert.Equal("Infinity", stored[2]);
    }

    [Fact]
    public void UserAttribute_SelfReferencingList_IsRefusedClearly()
    {
        var trial = Study.Create().Ask();
        var list = new List<object>();
        list.Add(list);

        var error = Assert.Throws<ArgumentException>(() => trial.SetUserAttribute("loop", list));

        Assert.Contains("nest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SuggestInt_EnqueuedValueBeyondInt_SaysToUseSuggestLong()
    {
        var study = Study.Create();
        study.EnqueueTrial(new Dictionary<string, object?> { ["n"] = 1L << 40 });

        var error = Assert.Throws<ArgumentException>(() => study.Optimize(t => t.SuggestInt("n", 0, 10), trials: 1));

        Assert.Contains("SuggestLong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pruned_LastReportNaN_StoresNoValue()
    {
        var study = Study.Create();
        var trial = study.Ask();
        trial.Report(double.NaN, 0);

        var told = study.Tell(trial, TrialState.Pruned);

        Assert.Null(told.Values);
    }

    [Fact]
    public void AddTrial_FailedWithValues_IsRefused()
    {
        var study = Study.Create();

        Assert.Throws<ArgumentException>(
            () => study.AddTrial(new FrozenTrial { State = TrialState.Fail, Values = [1] }));
        Assert.Throws<ArgumentException>(
            () => study.AddTrial(new FrozenTrial { State = TrialState.Pruned, Values = [double.NaN] }));
        Assert.Empty(study.Trials);
    }

    [Fact]
    public void FrozenTrial_ParamsKeepSuggestionOrder_AndPrintReadably()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(1) });
        var trial = study.Ask();
        trial.SuggestInt("zeta", 1, 1);
        trial.SuggestInt("alpha", 2, 2);
        trial.SuggestInt("mid", 3, 3);

        var told = study.Tell(trial, 0.5);

        Assert.Equal(["zeta", "alpha", "mid"], told.Params.Keys);
        Assert.Equal(
            "FrozenTrial { Number = 0, State = Complete, Values = [0.5], Params = {zeta: 1, alpha: 2, mid: 3} }",
            told.ToString());
    }

    [Fact]
    public void SuggestEnum_ReturnsEnumValuesStoredByName()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(4) });

        study.Optimize(t => t.SuggestEnum<Optimizer>("optimizer") == Optimizer.Sgd ? 1 : 0, trials: 20);

        Assert.All(study.Trials, t => Assert.Contains((string)t.Params["optimizer"]!, new[] { "Sgd", "Nesterov" }));
        Assert.Equal(0, study.BestValue);
    }

    [Fact]
    public void EnqueueTrial_ErrorNamesTheParameterOnce()
    {
        var study = Study.Create();
        study.Optimize(t => t.SuggestFloat("lr", 1e-3, 1, log: true), trials: 1);

        var error = Assert.Throws<ArgumentException>(
            () => study.EnqueueTrial(new Dictionary<string, object?> { ["lr"] = 0.0 }));

        Assert.DoesNotContain("(Parameter 'value')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggest_WhitespaceName_IsRefused()
    {
        var trial = Study.Create().Ask();

        Assert.Throws<ArgumentException>(() => trial.SuggestFloat("  ", 0, 1));
    }

    private sealed class ThrowingSampler : Sampler
    {
        public override void BeforeTrial(Study study, FrozenTrial trial) =>
            throw new InvalidOperationException("sampler is broken");

        public override double SampleIndependent(
            Study study, FrozenTrial trial, string name, Distribution distribution) => 0;
    }
}
