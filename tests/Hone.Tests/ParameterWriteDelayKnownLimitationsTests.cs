using Hone.Samplers;
using Hone.Storages;
using Hone.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Hone.Tests;

/// <summary>Pins what <see cref="StudyOptions.ParameterWriteDelay"/> gives up, as its remarks and those of
/// <see cref="RetryFailedTrialCallback"/> state.</summary>
public sealed class ParameterWriteDelayKnownLimitationsTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RetryFailedTrialCallback_WorkerKilledWithinTheDelay_RetriesWithoutThePendingParameters()
    {
        // The storage's clock moves on; the killed worker's clock stands still, as its timers never fire again.
        var clock = new FakeTimeProvider(Start);
        var storage = new DelegatingStorage(new InMemoryStorage(clock));
        var heartbeat = new HeartbeatOptions
        {
            Interval = TimeSpan.FromSeconds(1),
            GracePeriod = TimeSpan.FromSeconds(3),
            StaleTrialCallback = new RetryFailedTrialCallback().Invoke,
        };
        var killed = Study.Create(new StudyOptions
        {
            Name = "s",
            Storage = storage,
            TimeProvider = new FakeTimeProvider(Start),
            Heartbeat = heartbeat,
            Sampler = new RandomSampler(0),
        });
        var first = killed.Ask();
        first.SuggestFloat("x", 0, 1);
        killed.Tell(first, 0);
        var trial = killed.Ask();
        trial.SuggestFloat("x", 0, 1);
        var sweeper = Study.Load(new StudyOptions { Name = "s", Storage = storage, Heartbeat = heartbeat });

        clock.Advance(TimeSpan.FromSeconds(5));
        sweeper.FailStaleTrials();

        Assert.Equal(TrialState.Fail, sweeper.Trials[trial.Number].State);
        var waiting = Assert.Single(sweeper.GetTrials(TrialState.Waiting));
        Assert.Empty(waiting.Params);
    }
}
