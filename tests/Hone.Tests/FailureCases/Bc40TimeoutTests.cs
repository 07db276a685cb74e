using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using static Hone.Tests.FailureCases.FailureCaseHelpers;

namespace Hone.Tests.FailureCases;

/// <summary>BC-40: once the timeout has passed no new trial starts; running trials finish; the whole run takes at
/// most the timeout plus one trial plus a little overhead. The same holds for the trial limit, a stop request and a
/// cancellation.</summary>
[Trait("Issue", "BC-40")]
[Collection(WallClockTestGroup.Name)]
public sealed class Bc40TimeoutTests
{
    private static readonly TimeSpan TrialDuration = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(1);

    // Thread start-up, storage and scheduling on a busy two-core machine; generous, but well below one more trial.
    private static readonly TimeSpan Overhead = TimeSpan.FromMilliseconds(500);

    [Theory]
    [InlineData(1, 3, 4)]
    [InlineData(4, 8, 16)]
    public void Optimize_TimeoutWithRealSleepingObjective_StartsNoTrialAfterDeadlineAndStopsInTime(
        int jobs, int minTrials, int maxTrials)
    {
        Warm();
        var study = CreateStudy(seed: 401);
        var start = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();

        study.Optimize(
            t =>
            {
                Thread.Sleep(TrialDuration);
                return t.SuggestFloat("x", 0, 1);
            },
            timeout: TimeLimit,
            jobs: jobs);
        clock.Stop();

        var trials = study.Trials;
        var deadline = start + TimeLimit;
        Assert.All(trials, t =>
        {
            Assert.Equal(TrialState.Complete, t.State);
            Assert.True(t.StartedAt <= deadline, $"Trial {t.Number} started at {t.StartedAt:O}, after {deadline:O}.");
            Assert.True(t.Duration >= TrialDuration - TimeSpan.FromMilliseconds(20),
                $"Trial {t.Number} was cut short ({t.Duration}).");
        });
        Assert.InRange(trials.Count, minTrials, maxTrials);
        Assert.True(clock.Elapsed <= TimeLimit + TrialDuration + Overhead,
            $"Optimize took {clock.Elapsed}, more than timeout + one trial + overhead.");
    }

    [Fact]
    public void Optimize_TimeoutOnFakeClock_StartsExactlyTheTrialsThatBeginBeforeTheDeadline()
    {
        var time = new FakeTimeProvider();
        var study = CreateStudy(seed: 402, time: time);
        var start = time.GetUtcNow();

        study.Optimize(
            t =>
            {
                time.Advance(TrialDuration);
                return t.SuggestFloat("x", 0, 1);
            },
            timeout: TimeLimit);

        var trials = study.Trials;
        Assert.Equal(4, trials.Count);
        Assert.Equal(
            new[] { 0, 300, 600, 900 },
            trials.Select(t => (int)(t.StartedAt!.Value - start).TotalMilliseconds));
        Assert.All(trials, t => Assert.Equal(TrialDuration, t.Duration));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(10, 4)]
    [InlineData(0, 0)]
    public void Optimize_TimeoutAndTrialLimit_StopsAtWhicheverComesFirst(int limit, int expected)
    {
        var time = new FakeTimeProvider();
        var study = CreateStudy(seed: 403, time: time);

        study.Optimize(
            t =>
            {
                time.Advance(TrialDuration);
                return t.SuggestFloat("x", 0, 1);
            },
            trials: limit,
            timeout: TimeLimit);

        Assert.Equal(expected, study.Trials.Count);
    }

    [Fact]
    public void Optimize_ZeroTimeout_StartsNoTrial()
    {
        var study = CreateStudy(seed: 404);

        study.Optimize(t => t.SuggestFloat("x", 0, 1), timeout: TimeSpan.Zero);

        Assert.Empty(study.Trials);
    }

    [Fact]
    public void Optimize_NegativeTimeout_ThrowsArgumentOutOfRange()
    {
        var study = CreateStudy(seed: 405);

        Assert.Throws<ArgumentOutOfRangeException>(
            () => study.Optimize(t => t.SuggestFloat("x", 0, 1), timeout: TimeSpan.FromSeconds(-1)));

        Assert.Empty(study.Trials);
    }

    [Fact]
    public void Optimize_StopRequestedFromCallback_StartsNoFurtherTrial()
    {
        var study = CreateStudy(seed: 406);

        study.Optimize(
            t => t.SuggestFloat("x", 0, 1),
            trials: 100,
            timeout: TimeLimit,
            callbacks: [(s, t) => StopAt(s, t, 2)]);

        Assert.Equal(3, study.Trials.Count);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public void Optimize_CancelledFromCallback_StartsNoFurtherTrialAndThrowsOperationCanceled()
    {
        var study = CreateStudy(seed: 407);
        using var cancellation = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() => study.Optimize(
            t => t.SuggestFloat("x", 0, 1),
            timeout: TimeLimit,
            callbacks: [(_, t) => CancelAt(cancellation, t, 2)],
            cancellationToken: cancellation.Token));

        Assert.Equal(3, study.Trials.Count);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    private static void StopAt(Study study, FrozenTrial trial, int number)
    {
        if (trial.Number == number)
        {
            study.Stop();
        }
    }

    private static void CancelAt(CancellationTokenSource cancellation, FrozenTrial trial, int number)
    {
        if (trial.Number == number)
        {
            cancellation.Cancel();
        }
    }

    /// <summary>Runs the optimize loop once on several threads so that JIT compilation does not delay the first timed
    /// trial.</summary>
    private static void Warm() =>
        CreateStudy(seed: 400).Optimize(t => t.SuggestFloat("x", 0, 1), trials: 8, jobs: 4);
}
