using Hone.Storages;
using Hone.Tests.Support;

namespace Hone.Tests.Storages;

public sealed class CachedStorageTests : StorageContractTests
{
    protected override TrialStorage CreateStorage() => new CachedStorage(new InMemoryStorage());

    private static void Finish(TrialStorage storage, FrozenTrial trial, double value) =>
        storage.SetTrialState(trial.TrialId, TrialState.Complete, [value]);

    [Fact]
    public void GetAllTrials_FinishedPrefix_IsReadOnceThenOnlyNewerTrials()
    {
        var counting = new CountingStorage(new InMemoryStorage());
        var cache = new CachedStorage(counting);
        long study = cache.CreateStudy("s", [StudyDirection.Minimize]);
        for (int i = 0; i < 100; i++)
        {
            Finish(cache, cache.CreateTrial(study), i);
        }

        var first = cache.GetAllTrials(study);
        var running = cache.CreateTrial(study);
        var second = cache.GetAllTrials(study);

        Assert.Equal(100, first.Count);
        Assert.Equal(101, second.Count);
        Assert.Equal([(0, 100), (100, 1)], counting.Reads);
        Assert.Same(first[42], second[42]);
        Assert.Equal(TrialState.Running, second[100].State);
        Assert.Equal(running.TrialId, second[100].TrialId);
    }

    [Fact]
    public void GetAllTrials_RunningTrial_HoldsThePrefixUntilItFinishes()
    {
        var counting = new CountingStorage(new InMemoryStorage());
        var cache = new CachedStorage(counting);
        long study = cache.CreateStudy("s", [StudyDirection.Minimize]);
        Finish(cache, cache.CreateTrial(study), 0);
        var slow = cache.CreateTrial(study);
        Finish(cache, cache.CreateTrial(study), 2);

        cache.GetAllTrials(study);
        cache.GetAllTrials(study);
        Finish(cache, slow, 1);
        var afterFinish = cache.GetAllTrials(study);
        cache.GetAllTrials(study);

        // Trial 1 runs: reads start at 1 until it finishes; then 0..2 are all finished and reads start at 3.
        Assert.Equal([(0, 3), (1, 2), (1, 2), (3, 0)], counting.Reads);
        Assert.Equal([TrialState.Complete, TrialState.Complete, TrialState.Complete], afterFinish.Select(t => t.State));
    }

    [Fact]
    public void GetAllTrials_TwoCachesOnOneStorage_SeeEachOthersTrials()
    {
        var shared = new InMemoryStorage();
        var a = new CachedStorage(shared);
        var b = new CachedStorage(shared);
        long study = a.CreateStudy("s", [StudyDirection.Minimize]);
        Finish(a, a.CreateTrial(study), 1);
        Assert.Single(b.GetAllTrials(study));

        Finish(b, b.CreateTrial(study), 2);
        var fromA = a.GetAllTrials(study);

        Assert.Equal([1.0, 2.0], fromA.Select(t => t.Values![0]));
        Assert.Equal(fromA.Select(t => t.Number), a.GetTrialsFrom(study, 0).Select(t => t.Number));
        Assert.Equal([1], a.GetTrialsFrom(study, 1).Select(t => t.Number));
    }

    [Fact]
    public void GetAllTrials_ManyReadersAndWriters_AlwaysDenseAndOrdered()
    {
        var cache = new CachedStorage(new InMemoryStorage());
        long study = cache.CreateStudy("s", [StudyDirection.Minimize]);

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var trial = cache.CreateTrial(study);
            var seen = cache.GetAllTrials(study);
            Assert.Equal(Enumerable.Range(0, seen.Count), seen.Select(t => t.Number));
            Finish(cache, trial, i);
        });

        var all = cache.GetAllTrials(study);
        Assert.Equal(Enumerable.Range(0, 400), all.Select(t => t.Number));
        Assert.All(all, t => Assert.Equal(TrialState.Complete, t.State));
    }

    private sealed class CountingStorage(TrialStorage inner) : DelegatingStorage(inner)
    {
        public List<(int From, int Returned)> Reads { get; } = [];

        public override IReadOnlyList<FrozenTrial> GetTrialsFrom(long studyId, int firstNumber)
        {
            var trials = base.GetTrialsFrom(studyId, firstNumber);
            lock (Reads)
            {
                Reads.Add((firstNumber, trials.Count));
            }

            return trials;
        }
    }
}
