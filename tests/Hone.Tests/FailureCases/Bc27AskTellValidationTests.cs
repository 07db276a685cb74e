using Hone.Tests.Support;
using static Hone.Tests.FailureCases.FailureCaseHelpers;

namespace Hone.Tests.FailureCases;

/// <summary>BC-27: Tell and AddTrial check the number of values against the study's objectives. An explicit
/// Complete with bad values throws and leaves the trial running; bad values without a state fail the trial with a
/// warning. No complete trial ever lacks values of the right length.</summary>
[Trait("Issue", "BC-27")]
public sealed class Bc27AskTellValidationTests
{
    private static readonly StudyDirection[] TwoObjectives = [StudyDirection.Minimize, StudyDirection.Maximize];

    public static TheoryData<double[]?> WrongForTwoObjectives => new()
    {
        new[] { 1.0 },
        new[] { 1.0, 2.0, 3.0 },
        Array.Empty<double>(),
        null,
        new[] { 1.0, double.NaN },
        new[] { double.NaN, double.NaN },
    };

    [Theory]
    [MemberData(nameof(WrongForTwoObjectives))]
    public void Tell_ExplicitCompleteWithWrongValues_ThrowsArgumentExceptionAndTrialStaysRunning(double[]? values)
    {
        var study = CreateMultiObjectiveStudy(TwoObjectives);
        var trial = study.Ask();

        Assert.Throws<ArgumentException>(() => study.Tell(trial, TrialState.Complete, values));
        Assert.Equal(TrialState.Running, study.Trials[0].State);
        Assert.Throws<ArgumentException>(() => study.Tell(0, TrialState.Complete, values));
        Assert.Equal(TrialState.Running, study.Trials[0].State);
        var finished = study.Tell(trial, TrialState.Complete, [1.0, 2.0]);

        Assert.Equal(TrialState.Complete, finished.State);
        Assert.Equal(new[] { 1.0, 2.0 }, finished.Values);
        AssertTrialInvariants(study);
    }

    [Theory]
    [MemberData(nameof(WrongForTwoObjectives))]
    public void Tell_WrongValuesWithoutState_FailsTheTrialWithAWarning(double[]? values)
    {
        var logs = new CapturingLoggerFactory();
        var study = CreateMultiObjectiveStudy(TwoObjectives, logs);
        var trial = study.Ask();

        var finished = values is null ? study.Tell(0, null!) : study.Tell(trial, values);

        Assert.Equal(TrialState.Fail, finished.State);
        Assert.Null(finished.Values);
        Assert.True(finished.SystemAttributes.ContainsKey(Study.FailReasonKey));
        var warning = Assert.Single(logs.Warnings);
        Assert.Equal(HoneEventIds.TrialFailed, warning.EventId);
        Assert.Throws<FinishedTrialUpdateException>(() => study.Tell(trial, [1.0, 2.0]));
        Assert.Throws<FinishedTrialUpdateException>(() => study.Tell(trial, TrialState.Complete, [1.0, 2.0]));
        AssertTrialInvariants(study);
    }

    [Fact]
    public void Tell_SingleValueOnTwoObjectiveStudy_FailsTheTrialWithAWarning()
    {
        var logs = new CapturingLoggerFactory();
        var study = CreateMultiObjectiveStudy(TwoObjectives, logs);
        var trial = study.Ask();

        var finished = study.Tell(trial, 1.0);

        Assert.Equal(TrialState.Fail, finished.State);
        Assert.Single(logs.Warnings, w => w.EventId == HoneEventIds.TrialFailed);
        Assert.Throws<FinishedTrialUpdateException>(() => study.Tell(trial, TrialState.Complete, [1.0, 2.0]));
        AssertTrialInvariants(study);
    }

    [Fact]
    public void Tell_PrunedOrFailWithValuesOrAnUnfinishedState_ThrowsAndTrialStaysRunning()
    {
        var study = CreateMultiObjectiveStudy(TwoObjectives);
        var trial = study.Ask();

        Assert.Throws<ArgumentException>(() => study.Tell(trial, TrialState.Pruned, [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => study.Tell(trial, TrialState.Fail, [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => study.Tell(trial, TrialState.Running, [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => study.Tell(trial, TrialState.Waiting, [1.0, 2.0]));

        Assert.Equal(TrialState.Running, study.Trials[0].State);
        Assert.Equal(TrialState.Complete, study.Tell(trial, [1.0, 2.0]).State);
    }

    [Fact]
    public void AddTrial_TwoValidMultiObjectiveTrials_BothSucceedAndFormTheFront()
    {
        var study = CreateMultiObjectiveStudy(TwoObjectives);

        var first = study.AddTrial(new FrozenTrial { State = TrialState.Complete, Values = [0.0, 0.1] });
        var second = study.AddTrial(new FrozenTrial { State = TrialState.Complete, Values = [0.0, 0.1] });
        var third = study.AddTrial(new FrozenTrial { State = TrialState.Complete, Values = [1.0, 0.0] });

        Assert.Equal(new[] { 0, 1, 2 }, new[] { first.Number, second.Number, third.Number });
        Assert.Equal(new[] { 0, 1 }, study.BestTrials.Select(t => t.Number));
        Assert.Throws<InvalidOperationException>(() => study.BestTrial);
        AssertTrialInvariants(study);
    }

    [Theory]
    [MemberData(nameof(WrongForTwoObjectives))]
    public void AddTrial_CompleteWithWrongValuesOnTwoObjectives_ThrowsArgumentExceptionAndAddsNothing(
        double[]? values)
    {
        var study = CreateMultiObjectiveStudy(TwoObjectives);

        Assert.Throws<ArgumentException>(
            () => study.AddTrial(new FrozenTrial { State = TrialState.Complete, Values = values }));

        Assert.Empty(study.Trials);
    }

    [Theory]
    [InlineData(new[] { 0.0, 1.0 })]
    [InlineData(new double[0])]
    [InlineData(new[] { 0.0, 1.0, 2.0 })]
    public void AddTrialAndTell_WrongCountOnSingleObjective_ThrowArgumentException(double[] values)
    {
        var study = CreateStudy();
        var trial = study.Ask();

        Assert.Throws<ArgumentException>(
            () => study.AddTrial(new FrozenTrial { State = TrialState.Complete, Values = values }));
        Assert.Throws<ArgumentException>(() => study.Tell(trial, TrialState.Complete, values));

        Assert.Single(study.Trials);
        Assert.Equal(TrialState.Running, study.Trials[0].State);
        Assert.Equal(TrialState.Complete, study.Tell(trial, 0.5).State);
        AssertTrialInvariants(study);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(0)]
    public void Optimize_ObjectiveReturnsWrongNumberOfValues_FailsTrialAndThrowsInvalidOperation(int count)
    {
        var study = CreateMultiObjectiveStudy(TwoObjectives);

        Assert.Throws<InvalidOperationException>(() => study.Optimize(
            t => Enumerable.Repeat(t.SuggestFloat("x", 0, 1), count).ToArray(), trials: 5));

        var trial = Assert.Single(study.Trials);
        Assert.Equal(TrialState.Fail, trial.State);
        AssertTrialInvariants(study);
    }

    [Fact]
    public void Optimize_SingleObjectiveReturnsTwoValues_FailsTrialAndThrowsInvalidOperation()
    {
        var study = CreateStudy();

        Assert.Throws<InvalidOperationException>(
            () => study.Optimize(_ => (IReadOnlyList<double>)[1.0, 2.0], trials: 3));

        Assert.Equal(TrialState.Fail, Assert.Single(study.Trials).State);
    }

    [Fact]
    public void Optimize_ObjectiveReturnsNull_FailsTrialAndThrowsInvalidOperation()
    {
        var study = CreateMultiObjectiveStudy(TwoObjectives);

        Assert.Throws<InvalidOperationException>(
            () => study.Optimize(_ => (IReadOnlyList<double>)null!, trials: 3));

        Assert.Equal(TrialState.Fail, Assert.Single(study.Trials).State);
    }

    [Fact]
    public void Tell_NanAmongSeveralValues_NamesTheObjectiveByPositionAndCount()
    {
        var study = CreateMultiObjectiveStudy(TwoObjectives);
        var told = study.Ask();
        var refused = study.Ask();

        var failed = study.Tell(told, [1.0, double.NaN]);
        var error = Assert.Throws<ArgumentException>(
            () => study.Tell(refused, TrialState.Complete, [double.NaN, 1.0]));

        Assert.Equal(
            "The objective's result is invalid: objective value #1 of 2 is NaN.",
            failed.SystemAttributes[Study.FailReasonKey]);
        Assert.StartsWith(
            "Tell with state Complete needs valid values, but objective value #0 of 2 is NaN; trial 1 stays running.",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tell_UnknownNumberOnEmptyStudy_SaysTheStudyHasNoTrialsYet()
    {
        var study = CreateStudy(name: "empty");

        var error = Assert.Throws<ArgumentException>(() => study.Tell(42, [1.0]));

        Assert.StartsWith(
            "Study 'empty' has no trial 42; it has no trials yet.", error.Message, StringComparison.Ordinal);
        Assert.Equal("trialNumber", error.ParamName);
    }

    [Fact]
    public void Tell_UnknownNumber_SaysWhichNumbersExist()
    {
        var study = CreateStudy(name: "three");
        study.Ask();
        study.Ask();
        study.Ask();

        var error = Assert.Throws<ArgumentException>(() => study.Tell(3, [1.0]));

        Assert.StartsWith(
            "Study 'three' has no trial 3; its trials are numbered 0 to 2.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tell_MixedSequenceOnOneStudy_NeverLeavesACompleteTrialWithoutValues()
    {
        var study = CreateMultiObjectiveStudy(TwoObjectives);
        var trials = Enumerable.Range(0, 6).Select(_ => study.Ask()).ToList();

        study.Tell(trials[0], 1.0);
        Assert.Throws<ArgumentException>(() => study.Tell(trials[1], TrialState.Complete, [1.0, 2.0, 3.0]));
        study.Tell(trials[1], TrialState.Complete, [1.0, 2.0]);
        study.Tell(trials[2], [double.NaN, 1.0]);
        study.Tell(trials[3], TrialState.Pruned);
        study.Tell(trials[4], TrialState.Fail);
        study.AddTrial(new FrozenTrial { State = TrialState.Complete, Values = [0.0, 0.1] });
        study.AddTrial(new FrozenTrial { State = TrialState.Complete, Values = [0.0, 0.1] });

        Assert.Equal(
            new[]
            {
                TrialState.Fail, TrialState.Complete, TrialState.Fail, TrialState.Pruned, TrialState.Fail,
                TrialState.Running, TrialState.Complete, TrialState.Complete,
            },
            study.Trials.Select(t => t.State));
        AssertTrialInvariants(study);
    }
}
