using Hone.Distributions;
using Hone.Samplers;
using Hone.Storages;
using Hone.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Hone.Tests;

/// <summary>Heartbeats and the stale-trial sweep (BC-32, BC-33), on a fake clock.</summary>
public sealed class StudyHeartbeatTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static HeartbeatOptions EverySecond(Action<Study, FrozenTrial>? callback = null) => new()
    {
        Interval = TimeSpan.FromSeconds(1),
        GracePeriod = TimeSpan.FromSeconds(3),
        StaleTrialCallback = callback,
    };

    private static Study Open(TrialStorage storage, FakeTimeProvider clock, HeartbeatOptions? heartbeat) =>
        Study.Create(new StudyOptions
        {
            Name = "s",
            Storage = storage,
            LoadIfExists = true,
            TimeProvider = clock,
            Heartbeat = heartbeat,
            Sampler = new RandomSampler(0),
        });

    /// <summary>Leaves a running trial with one heartbeat and no worker, as a worker killed mid-trial does.</summary>
    private static FrozenTrial AbandonedTrial(TrialStorage storage, Study study)
    {
        var trial = storage.CreateTrial(study.StudyId);
        storage.SetTrialParameter(trial.TrialId, "x", 0.25, new FloatDistribution(0, 1));
        storage.SetTrialIntermediateValue(trial.TrialId, 0, 0.9);
        storage.RecordHeartbeat(trial.TrialId);
        return trial;
    }

    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new HeartbeatOptions();

        Assert.Equal(TimeSpan.FromSeconds(60), options.Interval);
        Assert.Null(options.GracePeriod);
        Assert.Equal(TimeSpan.FromSeconds(120), options.EffectiveGracePeriod);
        Assert.Null(options.StaleTrialCallback);
    }

    [Theory]
    [InlineData(0, null, "Interval > 0")]
    [InlineData(5, 5.0, "GracePeriod > Heartbeat.Interval")]
    public void Create_InvalidHeartbeat_ThrowsWithTheRuleAndStoresNothing(double interval, double? grace, string rule)
    {
        var storage = new InMemoryStorage();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Study.Create(new StudyOptions
        {
            Storage = storage,
            Heartbeat = new HeartbeatOptions
            {
                Interval = TimeSpan.FromSeconds(interval),
                GracePeriod = grace is { } g ? TimeSpan.FromSeconds(g) : null,
            },
        }));

        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
        Assert.Empty(storage.GetAllStudies());
    }

    [Fact]
    public void Create_StorageWithoutHeartbeats_ThrowsNamingIt()
    {
        using var storage = new WithoutHeartbeats(new InMemoryStorage());

        var error = Assert.Throws<ArgumentException>(
            () => Study.Create(new StudyOptions { Storage = storage, Heartbeat = new HeartbeatOptions() }));

        Assert.Contains("WithoutHeartbeats keeps no heartbeats", error.Message, StringComparison.Ordinal);
        Assert.Empty(storage.GetAllStudies());
    }

    [Fact]
    public void Optimize_TrialOfADeadWorker_IsFailedOnceAndCalledBack()
    {
        // BC-32: the dead worker's last heartbeat is 5 s old when another worker starts, grace period 3 s.
        var clock = new FakeTimeProvider(Start);
        var storage = new InMemoryStorage(clock);
        var called = new List<FrozenTrial>();
        var worker = Open(storage, clock, EverySecond((_, t) => called.Add(t)));
        var abandoned = AbandonedTrial(storage, worker);
        clock.Advance(TimeSpan.FromSeconds(5));

        worker.Optimize(t => t.SuggestFloat("x", 0, 1), trials: 2);

        var failed = Assert.Single(called);
        Assert.Equal(abandoned.TrialId, failed.TrialId);
        Assert.Equal(TrialState.Fail, storage.GetTrial(abandoned.TrialId).State);
        Assert.Contains("heartbeat", (string)failed.SystemAttributes[Study.FailReasonKey]!, StringComparison.Ordinal);
        Assert.Equal(2, worker.GetTrials(TrialState.Complete).Count);
    }

    [Fact]
    public void FailStaleTrials_LiveTrialThatKeepsBeating_IsNeverFailed()
    {
        var clock = new FakeTimeProvider(Start);
        var storage = new InMemoryStorage(clock);
        var live = Open(storage, clock, EverySecond());
        var sweeper = Open(storage, clock, EverySecond());
        var trial = live.Ask();

        var failed = new List<FrozenTrial>();
        for (int second = 0; second < 20; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            failed.AddRange(sweeper.FailStaleTrials());
        }

        Assert.Empty(failed);
        Assert.Equal(TrialState.Complete, live.Tell(trial, 1.0).State);
    }

    [Fact]
    public void FailStaleTrials_TrialThatNeverBeat_IsLeftRunning()
    {
        // Without heartbeats configured a worker's trials record none, and no sweep can judge them.
        var clock = new FakeTimeProvider(Start);
        var storage = new InMemoryStorage(clock);
        var silent = Open(storage, clock, heartbeat: null);
        var trial = silent.Ask();
        clock.Advance(TimeSpan.FromHours(1));

        var failed = Open(storage, clock, EverySecond()).FailStaleTrials();

        Assert.Empty(failed);
        Assert.Equal(TrialState.Running, silent.Trials[trial.Number].State);
    }

    [Fact]
    public void FailStaleTrials_TwoWorkersSweepingAtOnce_EachStaleTrialReturnedToOne()
    {
        var clock = new FakeTimeProvider(Start);
        var storage = new InMemoryStorage(clock);
        var calls = 0;
        var workers = Enumerable.Range(0, 4)
            .Select(_ => Open(storage, clock, EverySecond((_, _) => Interlocked.Increment(ref calls))))
            .ToArray();
        for (int i = 0; i < 50; i++)
        {
            AbandonedTrial(storage, workers[0]);
        }

        clock.Advance(TimeSpan.FromSeconds(10));
        int total = workers.AsParallel().Sum(w => w.FailStaleTrials().Count);

        Assert.Equal(50, total);
        Assert.Equal(50, calls);
    }

    [Fact]
    public void Optimize_TrialFailedElsewhereWhileRunning_KeepsThatStateAndGoesOn()
    {
        // BC-33: a sweep (here an explicit fail) ends trial 0 while its objective still runs; the objective's next
        // report is refused, and Optimize neither throws nor overwrites the Fail.
        var clock = new FakeTimeProvider(Start);
        var storage = new InMemoryStorage(clock);
        var worker = Open(storage, clock, EverySecond());

        worker.Optimize(t =>
        {
            double x = t.SuggestFloat("x", 0, 1);
            if (t.Number == 0)
            {
                storage.SetTrialState(storage.GetAllTrials(worker.StudyId)[0].TrialId, TrialState.Fail);
                clock.Advance(TimeSpan.FromSeconds(2)); // a heartbeat fires on the finished trial: no crash
                t.Report(x, 0);
            }

            return x;
        }, trials: 3);

        Assert.Equal(
            [TrialState.Fail, TrialState.Complete, TrialState.Complete], worker.Trials.Select(t => t.State));
    }

    [Fact]
    public void RetryFailedTrialCallback_StaleTrial_IsEnqueuedAgainWithItsParametersAndHistory()
    {
        var clock = new FakeTimeProvider(Start);
        var storage = new InMemoryStorage(clock);
        var retry = new RetryFailedTrialCallback(maxRetry: 2, inheritIntermediateValues: true);
        var worker = Open(storage, clock, EverySecond(retry.Invoke));
        var abandoned = AbandonedTrial(storage, worker);
        clock.Advance(TimeSpan.FromSeconds(5));

        worker.FailStaleTrials();

        var waiting = Assert.Single(worker.GetTrials(TrialState.Waiting));
        Assert.Equal(0.25, waiting.Params["x"]);
        Assert.Equal(0.9, waiting.IntermediateValues[0]);
        Assert.Equal((long)abandoned.Number, waiting.SystemAttributes[RetryFailedTrialCallback.FailedTrialKey]);
        Assert.Equal([abandoned.Number], RetryFailedTrialCallback.RetryHistory(waiting));
        Assert.Equal(abandoned.Number, RetryFailedTrialCallback.RetriedTrialNumber(waiting));
    }

    [Fact]
    public void RetryFailedTrialCallback_MaxRetry_EndsTheChain()
    {
        // The original and two retries die in turn: with maxRetry 2, the third failure is not retried.
        var clock = new FakeTimeProvider(Start);
        var storage = new InMemoryStorage(clock);
        var worker = Open(storage, clock, EverySecond(new RetryFailedTrialCallback(maxRetry: 2).Invoke));
        AbandonedTrial(storage, worker);
        for (int round = 0; round < 3; round++)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            worker.FailStaleTrials();
            if (storage.ClaimWaitingTrial(worker.StudyId) is { } retried)
            {
                storage.RecordHeartbeat(retried.TrialId);
            }
        }

        var trials = worker.Trials;
        Assert.Equal([TrialState.Fail, TrialState.Fail, TrialState.Fail], trials.Select(t => t.State));
        Assert.Equal([0, 1], RetryFailedTrialCallback.RetryHistory(trials[2]));
        Assert.Equal(0, RetryFailedTrialCallback.RetriedTrialNumber(trials[2]));
        Assert.Null(RetryFailedTrialCallback.RetriedTrialNumber(trials[0]));
    }

    /// <summary>A storage that keeps no heartbeats, as a user's own storage may.</summary>
    private sealed class WithoutHeartbeats(TrialStorage inner) : DelegatingStorage(inner)
    {
        public override bool SupportsHeartbeats => false;
    }
}
