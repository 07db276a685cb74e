using Hone.Distributions;
using Microsoft.Extensions.Logging.Abstractions;
using static Hone.Tests.FailureCases.FailureCaseHelpers;

namespace Hone.Tests.FailureCases;

/// <summary>BC-04: a step together with a log scale is rejected the same way for floats and ints, at call time,
/// except the integer step 1, which is the plain log-scale integer.</summary>
[Trait("Issue", "BC-04")]
public sealed class Bc04StepWithLogTests
{
    [Theory]
    [InlineData(1e-4, 1.0, 1e-4)]
    [InlineData(1e-4, 1.0, 0.5)]
    [InlineData(1.0, 100.0, 1.0)]
    [InlineData(0.5, 0.5, 0.1)]
    public void SuggestFloat_StepAndLog_ThrowsArgumentExceptionNamingTheParameterAndRecordsNothing(
        double low, double high, double step)
    {
        var study = CreateStudy();
        var trial = study.Ask();

        var error = Assert.Throws<ArgumentException>(() => trial.SuggestFloat("lr", low, high, step: step, log: true));

        Assert.Contains("'lr'", error.Message, StringComparison.Ordinal);
        Assert.Contains("step", error.Message, StringComparison.Ordinal);
        Assert.Contains("log", error.Message, StringComparison.Ordinal);
        Assert.Empty(trial.Params);
        Assert.Empty(study.Trials[0].Params);
        Assert.Empty(study.Trials[0].Distributions);
        Assert.Equal(TrialState.Running, study.Trials[0].State);
        Assert.Equal(TrialState.Complete, study.Tell(trial, 1.0).State);
    }

    [Theory]
    [InlineData(1, 128, 2)]
    [InlineData(1, 128, 3)]
    [InlineData(1, 128, 127)]
    [InlineData(2, 2, 2)]
    [InlineData(10, 1000, 10)]
    public void SuggestInt_StepOtherThanOneAndLog_ThrowsTheSameArgumentExceptionAsFloat(int low, int high, int step)
    {
        var study = CreateStudy();
        var trial = study.Ask();

        var intError = Record.Exception(() => trial.SuggestInt("n", low, high, step: step, log: true));
        var longError = Record.Exception(() => trial.SuggestLong("n64", low, high, step: step, log: true));
        var floatError = Record.Exception(() => trial.SuggestFloat("f", low, high, step: step, log: true));

        Assert.IsType<ArgumentException>(floatError);
        Assert.IsType<ArgumentException>(longError);
        Assert.Equal(floatError.GetType(), Assert.IsType<ArgumentException>(intError).GetType());
        Assert.Contains("'n'", intError.Message, StringComparison.Ordinal);
        Assert.Contains("'n64'", longError.Message, StringComparison.Ordinal);
        Assert.Empty(study.Trials[0].Params);
        Assert.Equal(TrialState.Complete, study.Tell(trial, 1.0).State);
    }

    [Fact]
    public void Optimize_ObjectiveSuggestsStepAndLog_TrialFailsWithoutParameterAndStudyGoesOn()
    {
        var study = CreateStudy();

        study.Optimize(t => t.Number % 2 == 0
            ? t.SuggestFloat("lr", 1e-4, 1, step: 1e-4, log: true)
            : t.SuggestInt("n", 1, 128, step: 2, log: true),
            trials: 4, catchExceptions: [typeof(ArgumentException)]);

        Assert.All(study.Trials, t =>
        {
            Assert.Equal(TrialState.Fail, t.State);
            Assert.Empty(t.Params);
            Assert.Empty(t.Distributions);
            Assert.Contains("step", (string)t.SystemAttributes[Study.FailReasonKey]!, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Optimize_StepAndLogNotCaught_PropagatesArgumentExceptionAfterFailingTheTrial()
    {
        var study = CreateStudy();

        Assert.Throws<ArgumentException>(
            () => study.Optimize(t => t.SuggestInt("n", 1, 128, step: 2, log: true), trials: 3));

        var trial = Assert.Single(study.Trials);
        Assert.Equal(TrialState.Fail, trial.State);
        Assert.Empty(trial.Params);
    }

    [Fact]
    public void SuggestInt_StepOneAndLog_IsAcceptedAndYieldsIntegersInRange()
    {
        var study = CreateStudy(seed: 41);
        var returned = new List<int>();

        study.Optimize(t =>
        {
            returned.Add(t.SuggestInt("m", 1, 128, step: 1, log: true));
            return 0.0;
        }, trials: 200);

        Assert.Equal(200, returned.Count);
        Assert.All(returned, v => Assert.InRange(v, 1, 128));
        Assert.All(study.Trials, t =>
        {
            Assert.Equal(TrialState.Complete, t.State);
            Assert.Equal(returned[t.Number], Assert.IsType<long>(t.Params["m"]));
            var distribution = Assert.IsType<IntDistribution>(t.Distributions["m"]);
            Assert.True(distribution.Log);
            Assert.Equal(1, distribution.Step);
        });
        Assert.True(returned.Distinct().Count() > 20, "A log-scale integer on [1, 128] should spread its values.");
    }

    [Fact]
    public void Distributions_StepAndLog_AreRejectedByTheirConstructorsToo()
    {
        Assert.Throws<ArgumentException>(() => new FloatDistribution(1e-4, 1, log: true, step: 1e-4));
        Assert.Throws<ArgumentException>(() => new IntDistribution(1, 128, log: true, step: 2));
        Assert.True(new IntDistribution(1, 128, log: true, step: 1).Log);
    }

    [Fact]
    public void FixedTrial_StepAndLog_ThrowsBeforeLookingUpTheValue()
    {
        var trial = new FixedTrial(new Dictionary<string, object?> { ["lr"] = 0.001, ["n"] = 2 }, 0,
            NullLogger.Instance);

        Assert.Throws<ArgumentException>(() => trial.SuggestFloat("lr", 1e-4, 1, step: 1e-4, log: true));
        Assert.Throws<ArgumentException>(() => trial.SuggestInt("n", 1, 128, step: 2, log: true));
        Assert.Empty(trial.Params);
    }
}
