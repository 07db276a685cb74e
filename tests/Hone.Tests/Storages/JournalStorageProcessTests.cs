using System.Globalization;
using Hone.Storages;
using Hone.Tests.Support;

namespace Hone.Tests.Storages;

/// <summary>Runs several worker processes on one journal file at once, and kills a writer at random moments.
/// </summary>
/// <remarks>The workers are Hone.Tests.Worker, started with <c>dotnet</c>; these tests run alone, since they load
/// the machine.</remarks>
[Collection(nameof(WorkerProcesses))]
public sealed class JournalStorageProcessTests : IDisposable
{
    private readonly TempJournal _journal = new();

    public void Dispose() => _journal.Dispose();

    [Fact]
    [Trait("Issue", "BC-30")]
    public void Workers_CreatingOneStudyAtOnce_GetOneStudyAndDenseNumbers()
    {
        const int workers = 6;
        const int trialsEach = 4;

        RunAtOnce(workers, "run", trialsEach.ToString(CultureInfo.InvariantCulture));

        using var storage = new JournalStorage(_journal.Path);
        var study = Assert.Single(storage.GetAllStudies());
        var trials = storage.GetAllTrials(study.StudyId);
        Assert.Equal(Enumerable.Range(0, workers * trialsEach), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials, t => Assert.Equal((double)t.Params["x"]! * (double)t.Params["x"]!, t.Value));
    }

    [Fact]
    [Trait("Issue", "BC-31")]
    public void Workers_PoppingEnqueuedTrials_RunEachExactlyOnce()
    {
        const int enqueued = 40;
        using (var storage = new JournalStorage(_journal.Path))
        {
            var study = Study.Create(new StudyOptions { Name = "s", Storage = storage });
            for (int i = 0; i < enqueued; i++)
            {
                study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = (double)i });
            }
        }

        RunAtOnce(5, "pop");

        using var replay = new JournalStorage(_journal.Path);
        var trials = replay.GetAllTrials(replay.GetStudyId("s"));
        Assert.Equal(enqueued, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(Enumerable.Range(0, enqueued).Select(i => (double)i * i), trials.Select(t => t.Value!.Value));
    }

    [Fact]
    public void Writer_KilledAtRandomMoments_LeavesEveryCompletedTrialIntactAndStaleOnesAreFailed()
    {
        var random = new Random(20_240_917);
        var reported = new HashSet<int>();
        for (int round = 0; round < 10; round++)
        {
            using (var worker = WorkerProcess.Start(_journal.Url, "kill", "write", "--heartbeat", "0.5"))
            {
                worker.WaitFor(line => line == "ready");
                worker.Release();
                int trialsBeforeKill = random.Next(1, 4);
                for (int i = 0; i < trialsBeforeKill; i++)
                {
                    worker.WaitFor(line => line.StartsWith("done ", StringComparison.Ordinal));
                }

                // NOTE(hone): the kill must land at a random point of a trial, not just after a line was printed;
                // nothing but a pause does that. Cutting a record at every byte is tested without processes.
                Thread.Sleep(random.Next(0, 30));
                worker.Kill();
                reported.UnionWith(worker.Output.Where(l => l.StartsWith("done ", StringComparison.Ordinal))
                    .Select(l => int.Parse(l[5..], CultureInfo.InvariantCulture)));
            }

            using var storage = new JournalStorage(_journal.Path);
            var trials = storage.GetAllTrials(storage.GetStudyId("kill"));
            Assert.Equal(Enumerable.Range(0, trials.Count), trials.Select(t => t.Number));
            Assert.All(reported, n => Assert.Equal(TrialState.Complete, trials[n].State));
            // A later writer's sweep may already have failed what an earlier one left running.
            Assert.All(trials, t => Assert.Contains(
                t.State, new[] { TrialState.Complete, TrialState.Running, TrialState.Fail }));
            foreach (var trial in trials.Where(t => t.State == TrialState.Complete))
            {
                double x = (double)trial.Params["x"]!;
                Assert.Equal(x * x, trial.Value);
                Assert.Equal(200_000, ((string)trial.UserAttributes["blob"]!).Length);
                Assert.Equal([0.0, 1, 2, 3, 4], trial.IntermediateValues.Values);
            }
        }

        Assert.True(reported.Count >= 10);

        // Past the grace period (1.5 s), a worker's sweep fails what the killed writers left running.
        Thread.Sleep(TimeSpan.FromSeconds(2));
        using var journal = new JournalStorage(_journal.Path);
        var sweeper = Study.Create(new StudyOptions
        {
            Name = "kill",
            Storage = journal,
            LoadIfExists = true,
            Heartbeat = new HeartbeatOptions { Interval = TimeSpan.FromSeconds(0.5) },
        });
        sweeper.FailStaleTrials();
        Assert.DoesNotContain(sweeper.Trials, t => t.State == TrialState.Running);
    }

    [Fact]
    [Trait("Issue", "BC-32")]
    public void Heartbeat_WorkerKilledMidTrial_NextWorkerFailsItOnceAndCallsBack()
    {
        // One worker with heartbeats and one without, each killed while its trial runs.
        KillWhileRunning("--heartbeat", "0.5");
        KillWhileRunning();
        Thread.Sleep(TimeSpan.FromSeconds(2));

        using var storage = new JournalStorage(_journal.Path);
        var calls = new List<FrozenTrial>();
        var next = Study.Create(new StudyOptions
        {
            Name = "s",
            Storage = storage,
            LoadIfExists = true,
            Heartbeat = new HeartbeatOptions
            {
                Interval = TimeSpan.FromSeconds(0.5),
                GracePeriod = TimeSpan.FromSeconds(1.5),
                StaleTrialCallback = (_, t) => calls.Add(t),
            },
        });
        next.Optimize(t => t.SuggestFloat("x", 0, 1), trials: 1);

        Assert.Equal(0, Assert.Single(calls).Number);
        Assert.Equal([TrialState.Fail, TrialState.Running, TrialState.Complete], next.Trials.Select(t => t.State));
    }

    private void KillWhileRunning(params string[] options)
    {
        using var worker = WorkerProcess.Start([_journal.Url, "s", "hang", .. options]);
        worker.WaitFor(line => line == "ready");
        worker.Release();
        worker.WaitFor(line => line.StartsWith("running", StringComparison.Ordinal));
        worker.Kill();
    }

    /// <summary>Starts workers, waits until each is ready, releases them together and waits for them all.</summary>
    private void RunAtOnce(int count, params string[] mode)
    {
        var workers = Enumerable.Range(0, count)
            .Select(_ => WorkerProcess.Start([_journal.Url, "s", .. mode]))
            .ToList();
        try
        {
            workers.ForEach(w => w.WaitFor(line => line == "ready"));
            workers.ForEach(w => w.Release());
            workers.ForEach(w => w.WaitForSuccess());
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }
    }
}

/// <summary>Keeps the tests that start processes from running beside other tests.</summary>
[CollectionDefinition(nameof(WorkerProcesses), DisableParallelization = true)]
public sealed class WorkerProcesses;
