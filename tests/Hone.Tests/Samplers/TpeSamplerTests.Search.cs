using Hone.Samplers;

namespace Hone.Tests.Samplers;

/// <summary>What TPE finds: better branches, unbiased histograms, feasible and Pareto-better trials.</summary>
public sealed partial class TpeSamplerTests
{
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
}
