using Hone.Samplers;
using Hone.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Hone.Tests.Samplers;

public sealed partial class TpeSamplerTests
{
    private static Study NewStudy(int seed, TpeSamplerOptions? options = null, CapturingLoggerFactory? logs = null)
    {
        options ??= new TpeSamplerOptions();
        options.Seed = seed;
        return Study.Create(new StudyOptions { Sampler = new TpeSampler(options), LoggerFactory = logs });
    }

    private static double Sphere(Trial t) =>
        Enumerable.Range(0, 4).Sum(i => Math.Pow(t.SuggestFloat($"x{i}", -5, 5), 2));

    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new TpeSamplerOptions();

        Assert.Null(options.Seed);
        Assert.Equal(10, options.StartupTrials);
        Assert.Equal(24, options.EiCandidates);
        Assert.True(options.Multivariate);
        Assert.True(options.Group);
        Assert.False(options.JointCategoricals);
        Assert.True(options.ConstantLiar);
        Assert.Equal(1.0, options.PriorWeight);
        Assert.True(options.ConsiderMagicClip);
        Assert.False(options.ConsiderEndpoints);
        Assert.Null(options.Gamma);
        Assert.Null(options.Constraints);
    }

    [Theory]
    [InlineData(-1, 24, 1.0)]
    [InlineData(10, 0, 1.0)]
    [InlineData(10, 24, 0.0)]
    [InlineData(10, 24, double.NaN)]
    public void Constructor_InvalidOptions_Throws(int startup, int candidates, double priorWeight)
    {
        Assert.ThrowsAny<ArgumentException>(() => new TpeSampler(new TpeSamplerOptions
        {
            StartupTrials = startup,
            EiCandidates = candidates,
            PriorWeight = priorWeight,
        }));
    }

    [Fact]
    public void Default_StudySampler_IsTpe()
    {
        Assert.IsType<TpeSampler>(Study.Create().Sampler);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SameSeedAndHistory_GiveSameSuggestions(bool multivariate)
    {
        IReadOnlyList<object?> Run()
        {
            var study = NewStudy(5, new TpeSamplerOptions { Multivariate = multivariate });
            study.Optimize(Sphere, trials: 40);
            return [.. study.Trials.SelectMany(t => t.Params.Values)];
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void StartupTrials_AreTheRandomSamplersWithTheSameSeed()
    {
        var tpe = NewStudy(9);
        var random = Study.Create(new StudyOptions { Sampler = new RandomSampler(9) });

        tpe.Optimize(Sphere, trials: 10);
        random.Optimize(Sphere, trials: 10);

        Assert.Equal(random.Trials.Select(t => t.Params["x0"]), tpe.Trials.Select(t => t.Params["x0"]));
    }

    [Fact]
    public void ContinuousSpace_NoPointRepeatsWithinAStudy()
    {
        var study = NewStudy(2);

        study.Optimize(t => Math.Abs(t.SuggestFloat("x", -10, 10)), trials: 150);

        var values = study.Trials.Select(t => (double)t.Params["x"]!).ToList();
        Assert.Equal(values.Count, values.Distinct().Count());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EveryValue_LiesInsideItsDistributionAndOnItsGrid(bool multivariate)
    {
        var study = NewStudy(4, new TpeSamplerOptions { Multivariate = multivariate });

        study.Optimize(t =>
        {
            double a = t.SuggestFloat("a", 0.5, 2.5, step: 0.25);
            long b = t.SuggestInt("b", 1, 1000, log: true);
            long c = t.SuggestInt("c", -7, 7, step: 3);
            double d = t.SuggestFloat("d", 1e-5, 1, log: true);
            string e = t.SuggestCategorical("e", "x", "y", "z");
            return a + Math.Log(b) + c + Math.Log(d) + (e == "y" ? 0 : 1);
        }, trials: 80);

        foreach (var trial in study.Trials)
        {
            foreach (var (name, distribution) in trial.Distributions)
            {
                Assert.True(distribution.Contains(trial.GetInternalParam(name)), $"{name}={trial.Params[name]}");
            }
        }
    }

    [Fact]
    public void BoundsDependingOnEarlierParameters_AreHonoured()
    {
        // BC-24: b's range depends on a, so a joint proposal can fall outside it; it must be redrawn.
        var study = NewStudy(42);

        study.Optimize(t =>
        {
            int a = t.SuggestInt("a", 0, 100);
            int b = t.SuggestInt("b", 0, 100 - a);
            double x = t.SuggestFloat("x", 0, 5);
            double y = t.SuggestFloat("y", x, 10);
            Assert.True(a + b <= 100 && y >= x);
            return -(a + b) - y;
        }, trials: 120);

        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public void Multivariate_ParameterOutsideGroups_IsLoggedOnceAtDebug()
    {
        var logs = new CapturingLoggerFactory();
        var study = NewStudy(1, logs: logs);

        study.Optimize(t => t.Number < 12 ? Sphere(t) : Sphere(t) + t.SuggestFloat("late", 0, 1), trials: 30);

        var entry = Assert.Single(logs.Entries, e => e.EventId == HoneEventIds.SampledIndependently);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Contains("'late'", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullCategoricalChoice_IsModelledLikeAnyOther()
    {
        // BC-8: a trial that drew null still has the parameter.
        var study = NewStudy(0);

        study.Optimize(
            t => (t.SuggestCategorical<int?>("x2", null, 1) ?? 3) + t.SuggestFloat("x1", -10, 10), trials: 40);

        Assert.All(study.Trials, t => Assert.True(t.Params.ContainsKey("x2")));
        Assert.Contains(study.Trials, t => t.Params["x2"] is null);
    }

    [Fact]
    public void DegenerateRanges_AlwaysYieldTheirOnlyValue()
    {
        var study = NewStudy(0, new TpeSamplerOptions { StartupTrials = 5 });

        study.Optimize(t => t.SuggestFloat("x", 1, 1) + t.SuggestInt("z", 5, 5) + t.SuggestInt("w", 1, 3, step: 3)
            + t.SuggestFloat("u", 0, 1), trials: 30);

        Assert.All(study.Trials, t => Assert.Equal(7.0, t.Value!.Value - (double)t.Params["u"]!, 9));
    }

    [Fact]
    public void SampleRelative_WithConstantLiar_StoresTheJointDrawOnTheTrial()
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 3, StartupTrials = 5 }),
        });
        study.Optimize(t => t.SuggestFloat("x", 0, 10) + t.SuggestFloat("y", 0, 10), trials: 10);

        var trial = study.Ask();

        var stored = study.Storage.GetTrial(((LiveTrial)trial).TrialId).SystemAttributes;
        var draw = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(
            stored[Hone.Samplers.Tpe.ObservationTable.RelativeParamsKey]);
        Assert.Equal(["x", "y"], draw.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((double)draw["x"]!, trial.SuggestFloat("x", 0, 10));
        Assert.Equal((double)draw["y"]!, trial.SuggestFloat("y", 0, 10));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void InferRelativeSearchSpace_Categoricals_JoinOnlyWithJointCategoricals(bool joint)
    {
        var study = NewStudy(2, new TpeSamplerOptions { StartupTrials = 3, JointCategoricals = joint });
        study.Optimize(t => t.SuggestFloat("x", 0, 1) + t.SuggestInt("n", 1, 4)
            + (t.SuggestCategorical("kind", "a", "b") == "a" ? 0 : 1), trials: 5);

        var space = study.Sampler.InferRelativeSearchSpace(study, study.Trials[^1]);

        Assert.Equal(joint ? ["kind", "n", "x"] : ["n", "x"], space.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Constraints_FunctionThrows_TrialIsFailedWithTheReasonAndTheErrorSurfaces()
    {
        var study = NewStudy(1, new TpeSamplerOptions { Constraints = _ => throw new KeyNotFoundException("c") });

        Assert.Throws<KeyNotFoundException>(() => study.Optimize(t => t.SuggestFloat("x", 0, 1), trials: 3));

        var trial = Assert.Single(study.Trials);
        Assert.Equal(TrialState.Fail, trial.State);
        Assert.Contains("KeyNotFoundException", (string)trial.SystemAttributes[Study.FailReasonKey]!,
            StringComparison.Ordinal);
    }

    [Fact]
    public void SharedSampler_TwoStudies_KeepTheirHistoriesApart()
    {
        // Both studies number their trials' ids from 0 (each has its own storage); one sampler serves both, asked
        // in turn. Study a's optimum is at x = 0.9, b's at 0.1: each must be sampled from its own history.
        var sampler = new TpeSampler(new TpeSamplerOptions { Seed = 1, Multivariate = false });
        var a = Study.Create(new StudyOptions { Sampler = sampler });
        var b = Study.Create(new StudyOptions { Sampler = sampler });
        for (int round = 0; round < 60; round++)
        {
            var ta = a.Ask();
            var tb = b.Ask();
            double xa = ta.SuggestFloat("x", 0, 1);
            double xb = tb.SuggestFloat("x", 0, 1);
            a.Tell(ta, Math.Abs(xa - 0.9));
            b.Tell(tb, Math.Abs(xb - 0.1));
        }

        double lateB = b.Trials.Skip(40).Select(t => (double)t.Params["x"]!).Order().ElementAt(10);
        double lateA = a.Trials.Skip(40).Select(t => (double)t.Params["x"]!).Order().ElementAt(10);
        Assert.InRange(lateB, 0, 0.3);
        Assert.InRange(lateA, 0.7, 1);
    }
}
