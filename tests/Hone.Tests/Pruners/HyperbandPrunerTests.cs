using Hone.Distributions;
using Hone.Pruners;
using Hone.Samplers;

namespace Hone.Tests.Pruners;

public sealed class HyperbandPrunerTests
{
    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new HyperbandPrunerOptions();

        Assert.Equal(1, options.MinResource);
        Assert.Null(options.MaxResource);
        Assert.Equal(3, options.ReductionFactor);
        Assert.Equal(0, options.BootstrapCount);
    }

    [Fact]
    public void Constructor_MaxBelowMin_ThrowsWithTheRuleAndValues()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new HyperbandPruner(new() { MinResource = 10, MaxResource = 5 }));

        Assert.Contains("'MinResource <= MaxResource' must hold, but got MinResource=10, MaxResource=5",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Brackets_1To81Factor3_MatchLiEtAlsTable()
    {
        // Li et al. (2018), Table 1, R = 81, η = 3: (nᵢ, rᵢ) per rung, one row per bracket s = 4 … 0.
        (int, long)[][] paper =
        [
            [(81, 1), (27, 3), (9, 9), (3, 27), (1, 81)],
            [(34, 3), (11, 9), (3, 27), (1, 81)],
            [(15, 9), (5, 27), (1, 81)],
            [(8, 27), (2, 81)],
            [(5, 81)],
        ];

        var brackets = HyperbandPruner.Brackets(1, 81, 3);

        Assert.Equal(paper.Length, brackets.Count);
        for (int i = 0; i < paper.Length; i++)
        {
            Assert.Equal(i, brackets[i].Id);
            Assert.Equal(paper[i][0].Item1, brackets[i].Budget);
            Assert.Equal(paper[i], brackets[i].Rungs.Select(r => (r.Trials, r.Resource)));
        }
    }

    [Theory]
    [InlineData(1, 81, 3, 5)]
    [InlineData(1, 243, 3, 6)]
    [InlineData(1, 1000, 10, 4)]
    [InlineData(27, 81, 3, 2)]
    [InlineData(1, 100, 3, 5)]
    [InlineData(1, 8, 2, 4)]
    [InlineData(5, 5, 3, 1)]
    public void Brackets_Count_IsFloorOfLogPlusOneInExactArithmetic(int min, int max, int factor, int expected)
    {
        // BC-20: a floating-point logarithm gives 5 for (1, 243, 3) and 3 for (1, 1000, 10).
        Assert.Equal(expected, HyperbandPruner.Brackets(min, max, factor).Count);
    }

    [Fact]
    public void BracketOf_IsCrc32OfNameAndNumber_AlongTheCumulativeBudgets()
    {
        // CRC-32 of "hb_0" … "hb_11" modulo 143 (the budgets 81, 34, 15, 8, 5): 26, 81, 73, 136, 44, 7, 30, 111, 83,
        // 106, 111, 65 (computed with Python's zlib.crc32); cumulative budgets 81, 115, 130, 138, 143.
        var brackets = HyperbandPruner.Brackets(1, 81, 3);

        int[] found = [.. Enumerable.Range(0, 12).Select(n => HyperbandPruner.BracketOf("hb", n, brackets))];

        Assert.Equal([0, 1, 0, 3, 0, 0, 0, 1, 1, 1, 1, 0], found);
    }

    [Fact]
    public void BracketOf_ManyTrials_SplitsInProportionToTheBudgets()
    {
        var brackets = HyperbandPruner.Brackets(1, 81, 3);
        var counts = new int[brackets.Count];

        for (int n = 0; n < 143_000; n++)
        {
            counts[HyperbandPruner.BracketOf("split", n, brackets)]++;
        }

        for (int i = 0; i < brackets.Count; i++)
        {
            Assert.InRange(counts[i] / 1000.0, brackets[i].Budget * 0.9, brackets[i].Budget * 1.1);
        }
    }

    [Fact]
    public void Prune_BeforeAnyTrialCompleted_NeverPrunesAndSamplerSeesAll()
    {
        var pruner = new HyperbandPruner();
        var study = Study.Create(new StudyOptions { Name = "hb", Pruner = pruner, Sampler = new RandomSampler(0) });
        var trial = study.Ask();

        trial.Report(double.NaN, 50);

        Assert.False(trial.ShouldPrune());
        Assert.Null(pruner.GetBrackets(study));
    }

    [Fact]
    public void Prune_AutomaticMaxResource_IsLastStepOfFirstCompletedTrialPlusOne()
    {
        var pruner = new HyperbandPruner();
        var study = Study.Create(new StudyOptions { Name = "hb", Pruner = pruner, Sampler = new RandomSampler(0) });
        var first = study.Ask();
        for (int step = 0; step < 27; step++)
        {
            first.Report(1, step);
            Assert.False(first.ShouldPrune());
        }

        study.Tell(first, 1);

        Assert.Equal(4, pruner.GetBrackets(study)!.Count); // 1, 3, 9, 27
        Assert.Equal(27L, study.Storage.GetStudySystemAttributes(study.StudyId)[HyperbandPruner.MaxResourceKey]);
    }

    [Fact]
    public void Prune_TrialsCompeteOnlyWithinTheirBracket()
    {
        // With (1, 81, 3) and study "hb", trials 0, 2 and 4 fall in bracket 0 (first rung at step 1), trial 1 in
        // bracket 1 (first rung at step 3). Trial 1 is excellent; trial 2 is judged only against trial 0.
        var study = Study.Create(new StudyOptions
        {
            Name = "hb",
            Pruner = new HyperbandPruner(new() { MaxResource = 81 }),
            Sampler = new RandomSampler(0),
        });
        var t0 = study.Ask();
        var t1 = study.Ask();
        var t2 = study.Ask();
        t1.Report(0.0, 3);
        Assert.False(t1.ShouldPrune());
        t0.Report(1.0, 1);
        Assert.False(t0.ShouldPrune());

        t2.Report(0.5, 1);
        bool betterThanItsBracket = t2.ShouldPrune();
        var t4 = (study.Ask(), study.Ask()).Item2;
        t4.Report(2.0, 1);
        bool worseThanItsBracket = t4.ShouldPrune();

        Assert.False(betterThanItsBracket);
        Assert.True(worseThanItsBracket);
    }

    [Fact]
    public void Sampler_SeesOnlyTheTrialsOfTheSameBracket()
    {
        var sampler = new RecordingSampler();
        var study = Study.Create(new StudyOptions
        {
            Name = "hb",
            Pruner = new HyperbandPruner(new() { MaxResource = 81 }),
            Sampler = sampler,
        });
        var brackets = HyperbandPruner.Brackets(1, 81, 3);

        study.Optimize(t => t.SuggestFloat("x", 0, 1), trials: 12);

        foreach (var (number, seen) in sampler.Seen)
        {
            int bracket = HyperbandPruner.BracketOf("hb", number, brackets);
            Assert.All(seen, other => Assert.Equal(bracket, HyperbandPruner.BracketOf("hb", other, brackets)));
        }

        Assert.Equal([0, 2, 4, 5, 6], sampler.Seen[11]);
        Assert.Equal([1, 7, 8, 9], sampler.Seen[10]);
    }

    [Fact]
    public void GetBrackets_AutomaticMaxResourceStoredByAnotherWorker_IsTheOneKept()
    {
        // Two workers find the maximum resource at once and store different values; the one the study keeps (the
        // later write) is what both end up using, because a worker trusts its own write only once.
        var pruner = new HyperbandPruner();
        var study = Study.Create(new StudyOptions { Name = "hb", Pruner = pruner, Sampler = new RandomSampler(0) });
        var first = study.Ask();
        first.Report(1, 26);
        study.Tell(first, 1);

        int ownValue = pruner.GetBrackets(study)!.Count;
        study.Storage.SetStudySystemAttribute(study.StudyId, HyperbandPruner.MaxResourceKey, 81);
        int settled = pruner.GetBrackets(study)!.Count;
        study.Storage.SetStudySystemAttribute(study.StudyId, HyperbandPruner.MaxResourceKey, 9);
        int later = pruner.GetBrackets(study)!.Count;

        Assert.Equal(4, ownValue); // 27: 1, 3, 9, 27
        Assert.Equal(5, settled);  // 81
        Assert.Equal(5, later);    // settled values are kept
    }

    private sealed class RecordingSampler : Sampler
    {
        private readonly RandomSampler _inner = new(1);

        public Dictionary<int, int[]> Seen { get; } = [];

        public override double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution)
        {
            Seen[trial.Number] = [.. study.GetTrials(TrialState.Complete).Select(t => t.Number)];
            return _inner.SampleIndependent(study, trial, name, distribution);
        }
    }
}
