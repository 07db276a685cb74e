using Hone.Samplers;
using Hone.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Hone.Tests.Samplers;

public sealed class TpeSamplerTests
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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ConditionalBranchThatIsBetter_WinsMostLateTrials(bool multivariate)
    {
        // BC-23: branch "a" returns a constant and suggests an irrelevant float; branch "b" can reach 0.
        int wins = 0;
        for (int seed = 0; seed < 5; seed++)
        {
            var study = NewStudy(seed, new TpeSamplerOptions { Multivariate = multivariate });
            study.Optimize(t => t.SuggestCategorical("c", "a", "b") == "a"
                ? 1.0 + (0 * t.SuggestFloat("noise", 0, 1))
                : t.SuggestFloat("x", 0, 2), trials: 100);

            int late = study.Trials.Skip(50).Count(t => (string)t.Params["c"]! == "b");
            if (late > 25 && study.BestValue < 0.1)
            {
                wins++;
            }
        }

        Assert.True(wins >= 4, $"branch b won in {wins} of 5 seeds");
    }

    [Fact]
    public void ConstantObjective_LoopDependentSpace_IsNotBiasedByItsShape()
    {
        // The seed document's histogram experiment: 10 seeds x 100 trials, each n_layers within 8 points of 25%.
        var counts = new int[4];
        for (int seed = 0; seed < 10; seed++)
        {
            var study = NewStudy(seed);
            study.Optimize(t =>
            {
                int layers = t.SuggestInt("n_layers", 1, 4);
                for (int i = 0; i < layers; i++)
                {
                    t.SuggestInt($"n_units_l{i}", 1, 128);
                }

                return 0;
            }, trials: 100);
            foreach (var trial in study.Trials)
            {
                counts[(long)trial.Params["n_layers"]! - 1]++;
            }
        }

        Assert.All(counts, c => Assert.InRange(c / 10.0, 17, 33));
    }

    [Fact]
    public void Sphere_TpeBeatsRandomSearch()
    {
        var tpe = NewStudy(3);
        var random = Study.Create(new StudyOptions { Sampler = new RandomSampler(3) });

        tpe.Optimize(Sphere, trials: 150);
        random.Optimize(Sphere, trials: 150);

        Assert.True(tpe.BestValue < random.BestValue / 2, $"TPE {tpe.BestValue}, random {random.BestValue}");
    }

    [Fact]
    public void Constraints_CalledOnlyForCompletedTrials_AndBestTrialIsFeasible()
    {
        // BC-25: the function reads an attribute set just before a normal return; pruned and failed trials lack it.
        int calls = 0;
        var study = NewStudy(7, new TpeSamplerOptions
        {
            Constraints = t =>
            {
                calls++;
                return [(double)t.UserAttributes["c"]!];
            },
        });

        study.Optimize(t =>
        {
            double x = t.SuggestFloat("x", -10, 10);
            if (t.Number % 3 == 2)
            {
                throw new TrialPrunedException();
            }

            if (t.Number % 5 == 4)
            {
                throw new InvalidDataException();
            }

            t.SetUserAttribute("c", 1 - x); // feasible when x >= 1
            return x * x;
        }, trials: 60, catchExceptions: [typeof(InvalidDataException)]);

        Assert.Equal(study.GetTrials(TrialState.Complete).Count, calls);
        Assert.True((double)study.BestParams["x"]! >= 1);
        Assert.Contains(study.GetTrials(TrialState.Complete), t => (double)t.Params["x"]! < 1);
    }

    [Fact]
    public void MultiObjective_FindsAFrontBetterThanRandom()
    {
        static IReadOnlyList<double> Objectives(Trial t)
        {
            double x = t.SuggestFloat("x", 0, 1);
            double y = t.SuggestFloat("y", 0, 1);
            return [x, ((1 + (9 * y)) * (1 - Math.Sqrt(x / (1 + (9 * y)))))];
        }

        var directions = new[] { StudyDirection.Minimize, StudyDirection.Minimize };
        var tpe = Study.Create(new StudyOptions
        {
            Directions = directions,
            Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 1 }),
        });
        var random = Study.Create(new StudyOptions { Directions = directions, Sampler = new RandomSampler(1) });

        tpe.Optimize(Objectives, trials: 100);
        random.Optimize(Objectives, trials: 100);

        double Volume(Study s) => Hone.Samplers.Tpe.Hypervolume.Of(
            [.. s.BestTrials.Select(t => t.Values!.ToArray())], [1.1, 11]);
        Assert.True(Volume(tpe) > Volume(random), $"TPE {Volume(tpe)}, random {Volume(random)}");
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
    public void ConditionalBranches_CategoricalDrawnOnItsOwn_FindsTheBestBranch()
    {
        // The quality suite's mixed problem: three shared numeric parameters, then a branch. "linear" reaches 0.4
        // at once and "kernel" 0.2 with tuning; "tree" reaches 0, but only with depth near 9 of 1..12, so its random
        // trials look worse than linear ones. A joint draw takes its branch from the good trial whose kernel it
        // comes from and mostly stays on linear; drawn on its own, the branch's l/g ratio favours the branch the bad
        // trials rarely tried. Measured: 7 of these 10 seeds find a tree below 0.3; with JointCategoricals, 3.
        int found = 0;
        for (int seed = 0; seed < 10; seed++)
        {
            var study = NewStudy(seed);
            study.Optimize(MixedBranches, trials: 100);
            if (study.BestValue < 0.3)
            {
                found++;
            }
        }

        Assert.True(found >= 6, $"a good tree was found in {found} of 10 seeds");
    }

    private static double MixedBranches(Trial t)
    {
        double a = Math.Log10(t.SuggestFloat("lr", 1e-5, 1.0, log: true)) + 3;
        double b = t.SuggestInt("layers", 1, 8) - 3.0;
        double c = Math.Log2(t.SuggestInt("units", 8, 1024, log: true)) - 7;
        double shared = (a * a / 4) + (b * b / 9) + (c * c / 9);
        switch (t.SuggestCategorical("kind", "linear", "tree", "kernel"))
        {
            case "linear":
                double d = t.SuggestFloat("alpha", 0, 1) - 0.2;
                return shared + 0.4 + (d * d);
            case "tree":
                double depth = t.SuggestInt("depth", 1, 12) - 9;
                double e = t.SuggestFloat("subsample", 0.5, 1, step: 0.05) - 0.8;
                return shared + (depth * depth / 16) + (4 * e * e);
            default:
                double g = Math.Log10(t.SuggestFloat("gamma", 1e-3, 1e2, log: true));
                double h = Math.Log10(t.SuggestFloat("c", 1e-2, 1e3, log: true)) - 1;
                return shared + 0.2 + (g * g / 4) + (h * h / 4);
        }
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
