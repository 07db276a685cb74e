using Hone.Distributions;
using Hone.Samplers;
using Hone.Storages;
using Hone.Tests.Support;

namespace Hone.Tests.FailureCases;

/// <summary>Builds the studies the failure-case tests run on and checks what they have in common.</summary>
internal static class FailureCaseHelpers
{
    /// <summary>Creates an in-memory study with a seeded <see cref="RandomSampler"/>, or with
    /// <paramref name="sampler"/> when one is given.</summary>
    public static Study CreateStudy(
        int? seed = 0,
        CapturingLoggerFactory? logs = null,
        StudyDirection direction = StudyDirection.Minimize,
        TrialStorage? storage = null,
        string? name = null,
        TimeProvider? time = null,
        Sampler? sampler = null) =>
        Study.Create(new StudyOptions
        {
            Sampler = sampler ?? new RandomSampler(seed),
            LoggerFactory = logs,
            Direction = direction,
            Storage = storage,
            Name = name,
            TimeProvider = time,
        });

    /// <summary>Creates a seeded TPE sampler with few startup trials, so that a short study reaches its model.
    /// </summary>
    public static TpeSampler Tpe(int seed, int startupTrials, bool multivariate = true) => new(new TpeSamplerOptions
    {
        Seed = seed,
        StartupTrials = startupTrials,
        Multivariate = multivariate,
    });

    /// <summary>Creates the sampler a theory names: "random", "tpe" (multivariate) or "tpe-independent", the TPE
    /// ones with <paramref name="tpeStartupTrials"/> startup trials.</summary>
    public static Sampler SamplerNamed(string kind, int seed, int tpeStartupTrials) => kind switch
    {
        "random" => new RandomSampler(seed),
        "tpe" => Tpe(seed, tpeStartupTrials),
        "tpe-independent" => Tpe(seed, tpeStartupTrials, multivariate: false),
        _ => throw new ArgumentException($"Unknown sampler kind '{kind}'.", nameof(kind)),
    };

    /// <summary>Creates an in-memory study with several objectives.</summary>
    public static Study CreateMultiObjectiveStudy(
        IReadOnlyList<StudyDirection> directions, CapturingLoggerFactory? logs = null) =>
        Study.Create(new StudyOptions
        {
            Sampler = new RandomSampler(0),
            LoggerFactory = logs,
            Directions = directions,
        });

    /// <summary>Reads a parameter as a double, whether it is stored as a double or a long.</summary>
    public static double AsDouble(object? value) => value switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => throw new InvalidOperationException($"Expected a number, but got {value?.GetType().Name ?? "null"}."),
    };

    /// <summary>Checks the invariant every study must keep: a complete trial has one finite-or-infinite, non-NaN
    /// value per objective; a failed trial has none.</summary>
    public static void AssertTrialInvariants(Study study)
    {
        foreach (var trial in study.Trials)
        {
            if (trial.State == TrialState.Complete)
            {
                Assert.NotNull(trial.Values);
                Assert.Equal(study.Directions.Count, trial.Values.Count);
                Assert.DoesNotContain(trial.Values, double.IsNaN);
            }
            else if (trial.State == TrialState.Fail)
            {
                Assert.Null(trial.Values);
            }
        }
    }

    /// <summary>Checks that draws hit every admissible value, nothing else, and each about equally often.</summary>
    /// <remarks>The uniformity check is a chi-square goodness-of-fit test at p = 0.001; the critical value comes from
    /// the Wilson-Hilferty approximation, which is slightly conservative for few degrees of freedom.</remarks>
    public static void AssertUniformOver(IReadOnlyList<double> draws, IReadOnlyList<double> support)
    {
        var counts = support.ToDictionary(v => v, _ => 0);
        foreach (double draw in draws)
        {
            Assert.True(counts.ContainsKey(draw), $"Value {Distribution.Format(draw)} is not one of "
                + $"[{string.Join(", ", support.Select(Distribution.Format))}].");
            counts[draw]++;
        }

        Assert.All(counts, c => Assert.True(c.Value > 0, $"Value {Distribution.Format(c.Key)} was never drawn."));
        double expected = (double)draws.Count / support.Count;
        double chiSquare = counts.Values.Sum(c => (c - expected) * (c - expected) / expected);
        double critical = ChiSquareCritical(support.Count - 1);
        Assert.True(chiSquare < critical, $"Counts [{string.Join(", ", counts.Values)}] are not uniform: "
            + $"chi-square {chiSquare:F2} >= {critical:F2}.");
    }

    /// <summary>Approximates the chi-square value exceeded with probability 0.001.</summary>
    private static double ChiSquareCritical(int degreesOfFreedom)
    {
        const double Z = 3.090232; // the standard normal quantile at 0.999
        double k = degreesOfFreedom;
        double term = 1 - (2 / (9 * k)) + (Z * Math.Sqrt(2 / (9 * k)));
        return k * term * term * term;
    }
}
