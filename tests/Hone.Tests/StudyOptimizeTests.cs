using Hone.Samplers;
using Microsoft.Extensions.Time.Testing;

namespace Hone.Tests;

public sealed class StudyOptimizeTests
{
    [Fact]
    public void Optimize_NaNResult_FailsTrialAndContinues()
    {
        var study = Study.Create();
        double[] values = [1, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        int i = 0;

        study.Optimize(_ => values[i++], trials: 4);

        Assert.Equal(
            [TrialState.Complete, TrialState.Fail, TrialState.Complete, TrialState.Complete],
            study.Trials.Select(t => t.State));
        Assert.Equal(3, study.BestTrial.Number);
        string reason = (string)study.Trials[1].SystemAttributes[Study.FailReasonKey]!;
        Assert.Contains("NaN", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_ObjectiveThrows_MarksFailedThenPropagates()
    {
        var study = Study.Create();

        var error = Assert.Throws<FormatException>(
            () => study.Optimize(double (Trial _) => throw new FormatException("bad"), trials: 5));

        Assert.Equal("bad", error.Message);
        var trial = Assert.Single(study.Trials);
        Assert.Equal(TrialState.Fail, trial.State);
        Assert.Equal("FormatException: bad", trial.SystemAttributes[Study.FailReasonKey]);
    }

    [Fact]
    public void Optimize_CaughtExceptionType_FailsTrialsAndGoesOn()
    {
        var study = Study.Create();

        study.Optimize(t => t.Number % 2 == 0 ? throw new ArgumentException("even") : t.Number, trials: 6,
            catchExceptions: [typeof(ArgumentException)]);

        Assert.Equal(3, study.GetTrials(TrialState.Fail).Count);
        Assert.Equal(3, study.GetTrials(TrialState.Complete).Count);
    }

    [Fact]
    public void Optimize_Pruned_RecordsLastIntermediateValue()
    {
        var study = Study.Create();

        study.Optimize(double (Trial t) =>
        {
            t.Report(0.9, 0);
            t.Report(0.7, 3);
            throw new TrialPrunedException();
        }, trials: 1);

        var trial = Assert.Single(study.Trials);
        Assert.Equal(TrialState.Pruned, trial.State);
        Assert.Equal(0.7, trial.Value);
    }

    [Fact]
    public void Optimize_WrongNumberOfValues_FailsTrialAndThrows()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Minimize] });

        var error = Assert.Throws<InvalidOperationException>(() => study.Optimize(_ => new double[] { 1 }, trials: 3));

        Assert.Contains("returned 1 value(s), but study", error.Message, StringComparison.Ordinal);
        Assert.Equal(TrialState.Fail, Assert.Single(study.Trials).State);
    }

    [Fact]
    public void Optimize_ParallelJobs_NumbersAreDenseAndUnique()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(0) });

        study.Optimize(t =>
        {
            Thread.SpinWait(1000);
            return t.SuggestFloat("x", 0, 1);
        }, trials: 200, jobs: 4);

        Assert.Equal(Enumerable.Range(0, 200), study.Trials.Select(t => t.Number).Order());
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public void Optimize_Timeout_StartsNoTrialAfterDeadline()
    {
        var clock = new FakeTimeProvider();
        var study = Study.Create(new StudyOptions { TimeProvider = clock });

        study.Optimize(_ =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return 0;
        }, timeout: TimeSpan.FromSeconds(3));

        Assert.Equal(3, study.Trials.Count);
    }

    [Fact]
    public void Optimize_Stop_FromCallbackEndsTheRun()
    {
        var study = Study.Create();

        study.Optimize(_ => 1, callbacks: [(s, t) =>
        {
            if (t.Number == 4)
            {
                s.Stop();
            }
        }]);

        Assert.Equal(5, study.Trials.Count);
    }

    [Fact]
    public void Optimize_CallbackThrows_IsLoggedAndStudyGoesOn()
    {
        var study = Study.Create();

        study.Optimize(_ => 1, trials: 3, callbacks: [(_, _) => throw new InvalidOperationException("callback")]);

        Assert.Equal(3, study.GetTrials(TrialState.Complete).Count);
    }

    [Fact]
    public void Optimize_Cancelled_ThrowsAndLeavesNoTrialRunning()
    {
        var study = Study.Create();
        using var cancellation = new CancellationTokenSource();

        Assert.Throws<OperationCanceledException>(() => study.Optimize(t =>
        {
            if (t.Number == 2)
            {
                cancellation.Cancel();
            }

            return 0;
        }, cancellationToken: cancellation.Token));

        Assert.Equal(3, study.Trials.Count);
        Assert.DoesNotContain(study.Trials, t => t.State == TrialState.Running);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Optimize_InvalidJobs_Throws(int jobs)
    {
        var study = Study.Create();

        Assert.Throws<ArgumentOutOfRangeException>(() => study.Optimize(_ => 0, trials: 1, jobs: jobs));
    }

    [Fact]
    public void Optimize_CatchListWithNonExceptionType_Throws()
    {
        var study = Study.Create();

        Assert.Throws<ArgumentException>(() => study.Optimize(_ => 0, trials: 1, catchExceptions: [typeof(string)]));
    }

    [Fact]
    public void Optimize_TrialTimestamps_ComeFromTheClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var study = Study.Create(new StudyOptions { TimeProvider = clock });

        study.Optimize(_ =>
        {
            clock.Advance(TimeSpan.FromSeconds(2));
            return 0;
        }, trials: 1);

        var trial = study.Trials[0];
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), trial.StartedAt);
        Assert.Equal(TimeSpan.FromSeconds(2), trial.Duration);
    }
}
