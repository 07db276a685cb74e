using Hone.Tests.Support;
using static Hone.Tests.FailureCases.FailureCaseHelpers;

namespace Hone.Tests.FailureCases;

/// <summary>BC-12: a NaN objective value fails its trial (the study goes on), infinities complete it, NaN is never
/// the best, and a study without a completed trial has no best trial.</summary>
[Trait("Issue", "BC-12")]
public sealed class Bc12NanAndInfiniteValuesTests
{
    private const double Nan = double.NaN;
    private const double PlusInf = double.PositiveInfinity;
    private const double MinusInf = double.NegativeInfinity;

    [Fact]
    public void Optimize_NanFiveInfMinusInf_StatesFailCompleteCompleteCompleteAndBestIsMinusInf()
    {
        var logs = new CapturingLoggerFactory();
        var study = CreateStudy(logs: logs);
        double[] values = [double.NaN, 5.0, double.PositiveInfinity, double.NegativeInfinity];

        study.Optimize(t => values[t.Number], trials: 4);

        var trials = study.Trials;
        Assert.Equal(
            new[] { TrialState.Fail, TrialState.Complete, TrialState.Complete, TrialState.Complete },
            trials.Select(t => t.State));
        Assert.Null(trials[0].Values);
        Assert.Equal(
            "The objective's result is invalid: objective value #0 of 1 is NaN.",
            trials[0].SystemAttributes[Study.FailReasonKey]);
        Assert.Equal(double.PositiveInfinity, trials[2].Value);
        Assert.Equal(3, study.BestTrial.Number);
        Assert.Equal(double.NegativeInfinity, study.BestValue);
        var warning = Assert.Single(logs.Warnings);
        Assert.Equal(HoneEventIds.TrialFailed, warning.EventId);
        AssertTrialInvariants(study);
    }

    [Theory]
    [InlineData(StudyDirection.Minimize, new[] { Nan, 5.0, PlusInf, MinusInf }, 3)]
    [InlineData(StudyDirection.Maximize, new[] { Nan, 5.0, MinusInf, PlusInf }, 3)]
    [InlineData(StudyDirection.Minimize, new[] { 5.0, double.NaN }, 0)]
    [InlineData(StudyDirection.Maximize, new[] { 5.0, double.NaN }, 0)]
    [InlineData(StudyDirection.Minimize, new[] { double.NaN, double.NaN, 1.0, double.NaN }, 2)]
    [InlineData(StudyDirection.Minimize, new[] { double.PositiveInfinity, double.NaN, double.PositiveInfinity }, 0)]
    [InlineData(StudyDirection.Maximize, new[] { double.NegativeInfinity, double.NaN }, 0)]
    [InlineData(StudyDirection.Minimize, new[] { 1.0, double.NaN, -1.0, double.NaN, 0.0 }, 2)]
    [InlineData(StudyDirection.Maximize, new[] { double.NaN, -1.0, double.NaN, 2.0, 1.0 }, 3)]
    public void Optimize_NanAmongOtherValues_NaNFailsAndIsNeverBest(
        StudyDirection direction, double[] values, int bestNumber)
    {
        var study = CreateStudy(direction: direction);

        study.Optimize(t => values[t.Number], trials: values.Length);

        Assert.All(study.Trials, t => Assert.Equal(
            double.IsNaN(values[t.Number]) ? TrialState.Fail : TrialState.Complete, t.State));
        Assert.Equal(bestNumber, study.BestTrial.Number);
        Assert.Equal(values[bestNumber], study.BestValue);
        Assert.False(double.IsNaN(study.BestValue));
        Assert.All(study.BestTrials, t => Assert.False(double.IsNaN(t.Value!.Value)));
        AssertTrialInvariants(study);
    }

    [Theory]
    [InlineData(StudyDirection.Minimize)]
    [InlineData(StudyDirection.Maximize)]
    public void Optimize_AllValuesNaN_DoesNotThrowButBestAccessorsThrowNoCompletedTrials(StudyDirection direction)
    {
        var study = CreateStudy(direction: direction);

        study.Optimize(_ => double.NaN, trials: 3);

        Assert.All(study.Trials, t => Assert.Equal(TrialState.Fail, t.State));
        Assert.Throws<NoCompletedTrialsException>(() => study.BestTrial);
        Assert.Throws<NoCompletedTrialsException>(() => study.BestValue);
        Assert.Throws<NoCompletedTrialsException>(() => study.BestParams);
        Assert.Empty(study.BestTrials);
    }

    [Fact]
    public void Optimize_NanWithOtherBitPatterns_FailsTheTrialToo()
    {
        var study = CreateStudy();
        double[] nans =
        [
            BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8000000000000UL)),
            BitConverter.Int64BitsToDouble(0x7FF0000000000001L),
            BitConverter.Int64BitsToDouble(0x7FFFFFFFFFFFFFFFL),
            float.NaN,
            0.0 / 0.0,
        ];

        study.Optimize(t => nans[t.Number], trials: nans.Length);

        Assert.All(study.Trials, t => Assert.Equal(TrialState.Fail, t.State));
        Assert.Throws<NoCompletedTrialsException>(() => study.BestTrial);
    }

    [Fact]
    public void Tell_NanAndInfinities_FailWithWarningOrComplete()
    {
        var logs = new CapturingLoggerFactory();
        var study = CreateStudy(logs: logs);

        var nan = study.Tell(study.Ask(), double.NaN);
        var plusInf = study.Tell(study.Ask(), double.PositiveInfinity);
        var minusInf = study.Tell(study.Ask(), double.NegativeInfinity);

        Assert.Equal(TrialState.Fail, nan.State);
        Assert.Null(nan.Values);
        Assert.Equal(TrialState.Complete, plusInf.State);
        Assert.Equal(double.PositiveInfinity, plusInf.Value);
        Assert.Equal(TrialState.Complete, minusInf.State);
        Assert.Equal(double.NegativeInfinity, minusInf.Value);
        Assert.Equal(2, study.BestTrial.Number);
        Assert.Single(logs.Warnings, w => w.EventId == HoneEventIds.TrialFailed);
    }

    [Fact]
    public void Tell_NanWithExplicitComplete_ThrowsAndTheTrialStaysRunning()
    {
        var study = CreateStudy();
        var trial = study.Ask();

        Assert.Throws<ArgumentException>(() => study.Tell(trial, TrialState.Complete, [double.NaN]));

        Assert.Equal(TrialState.Running, study.Trials[0].State);
        Assert.Equal(TrialState.Complete, study.Tell(trial, TrialState.Complete, [1.0]).State);
    }

    [Fact]
    public void Optimize_MultiObjectiveWithNaN_FailsOnlyTrialsWithNaNAndInfinitiesComplete()
    {
        var study = CreateMultiObjectiveStudy([StudyDirection.Minimize, StudyDirection.Maximize]);
        IReadOnlyList<double>[] values =
        [
            [1.0, double.NaN],
            [double.NaN, double.NaN],
            [double.NegativeInfinity, double.PositiveInfinity],
            [2.0, 3.0],
        ];

        study.Optimize(t => values[t.Number], trials: values.Length);

        Assert.Equal(
            new[] { TrialState.Fail, TrialState.Fail, TrialState.Complete, TrialState.Complete },
            study.Trials.Select(t => t.State));
        var best = Assert.Single(study.BestTrials);
        Assert.Equal(2, best.Number);
        AssertTrialInvariants(study);
    }

    [Fact]
    public void AddTrial_CompleteWithNaN_ThrowsArgumentException()
    {
        var study = CreateStudy();

        Assert.Throws<ArgumentException>(
            () => study.AddTrial(new FrozenTrial { State = TrialState.Complete, Values = [double.NaN] }));
        var added = study.AddTrial(new FrozenTrial { State = TrialState.Complete, Values = [double.NegativeInfinity] });

        Assert.Equal(double.NegativeInfinity, added.Value);
        Assert.Equal(added.Number, study.BestTrial.Number);
    }
}
