using Hone.Samplers;
using Hone.Tests.Support;

namespace Hone.Storages.Sql.Tests;

// NOTE(hone): these tests kill real processes and judge heartbeats at the database server's clock, which cannot be
// faked, so they wait for real: about a second and a half of grace period per test. StudyHeartbeatTests checks the
// same rules in-process on a fake clock.
public abstract partial class RelationalStorageProcessTests
{
    private const string Beat = "0.5";
    private static readonly TimeSpan PastGrace = TimeSpan.FromSeconds(2);

    private static HeartbeatOptions Heartbeat(Action<Study, FrozenTrial>? callback = null) => new()
    {
        Interval = TimeSpan.FromSeconds(0.5),
        GracePeriod = TimeSpan.FromSeconds(1.5),
        StaleTrialCallback = callback,
    };

    [Fact]
    [Trait("Issue", "BC-32")]
    public async Task Heartbeat_WorkerKilledMidTrial_NextWorkerFailsItOnceAndCallsBack()
    {
        var (url, database) = await FreshDatabaseAsync();
        await using (database)
        {
            // One worker with heartbeats and one without, both killed in the middle of a trial.
            KillWhileRunning(url, "--heartbeat", Beat);
            KillWhileRunning(url);
            Thread.Sleep(PastGrace);

            using var storage = RelationalStorage.Open(url);
            var calls = new List<FrozenTrial>();
            var next = Study.Create(new StudyOptions
            {
                Name = "s",
                Storage = storage,
                LoadIfExists = true,
                Sampler = new RandomSampler(1),
                Heartbeat = Heartbeat((_, t) => calls.Add(t)),
            });
            next.Optimize(t => t.SuggestFloat("x", 0, 1), trials: 2);

            var failed = Assert.Single(calls);
            Assert.Equal(0, failed.Number);
            Assert.Equal(
                [TrialState.Fail, TrialState.Running, TrialState.Complete, TrialState.Complete],
                next.Trials.Select(t => t.State));
            Assert.Empty(next.FailStaleTrials());
            CheckIntegrity(url);
        }
    }

    [Fact]
    public async Task Kill_TenWorkersKilledMidWrite_CompletedTrialsIntactAndStaleOnesFailed()
    {
        // Ten kills per engine, thirty over the three: each worker writes trials with a 200 kB attribute and five
        // intermediate values, and is killed with SIGKILL at a random moment after its first stored trial.
        var (url, database) = await FreshDatabaseAsync();
        await using (database)
        {
            var random = new Random(7);
            for (int kill = 0; kill < 10; kill++)
            {
                using var worker = WorkerProcess.Start(url, "s", "write", "--heartbeat", Beat);
                worker.WaitFor(line => line == "ready");
                worker.Release();
                worker.WaitFor(line => line.StartsWith("done", StringComparison.Ordinal));
                Thread.Sleep(random.Next(0, 60));
                worker.Kill();
            }

            Thread.Sleep(PastGrace);
            using var storage = RelationalStorage.Open(url);
            var study = Study.Create(new StudyOptions
            {
                Name = "s", Storage = storage, LoadIfExists = true, Heartbeat = Heartbeat(),
            });
            study.FailStaleTrials();

            var trials = study.Trials;
            Assert.Equal(Enumerable.Range(0, trials.Count), trials.Select(t => t.Number));
            Assert.DoesNotContain(trials, t => t.State == TrialState.Running);
            var complete = trials.Where(t => t.State == TrialState.Complete).ToList();
            Assert.True(complete.Count >= 10, $"only {complete.Count} trials completed");
            Assert.All(complete, t =>
            {
                double x = (double)t.Params["x"]!;
                Assert.Equal(x * x, t.Value);
                Assert.Equal(200_000, ((string)t.UserAttributes["blob"]!).Length);
                Assert.Equal([0.0, 1, 2, 3, 4], t.IntermediateValues.OrderBy(p => p.Key).Select(p => p.Value));
            });
            CheckIntegrity(url);
        }
    }

    /// <summary>Starts a worker that begins a trial and hangs, and kills it once the trial runs.</summary>
    private static void KillWhileRunning(string url, params string[] options)
    {
        using var worker = WorkerProcess.Start([url, "s", "hang", .. options]);
        worker.WaitFor(line => line == "ready");
        worker.Release();
        worker.WaitFor(line => line.StartsWith("running", StringComparison.Ordinal));
        worker.Kill();
    }
}
