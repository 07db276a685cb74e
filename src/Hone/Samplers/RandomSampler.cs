using Hone.Distributions;

namespace Hone.Samplers;

/// <summary>Draws every parameter independently and uniformly: the baseline, and the start-up phase of model-based
/// samplers.</summary>
/// <remarks>
/// Stepped and integer parameters are drawn uniformly over their grid, both ends included; log-scale parameters are
/// drawn log-uniformly (integers over [low − ½, high + ½] in log space, then rounded). Categorical parameters pick
/// each choice with equal probability. With a seed, the same sequence of calls gives the same values.
/// </remarks>
public sealed class RandomSampler : Sampler
{
    private readonly Lock _lock = new();
    private readonly Random _random;

    /// <summary>Creates a random sampler.</summary>
    /// <param name="seed">The seed, or <see langword="null"/> for a seed from the operating system.</param>
    public RandomSampler(int? seed = null)
    {
        _random = seed is { } s ? new Random(s) : new Random();
    }

    /// <inheritdoc />
    public override double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        lock (_lock)
        {
            return Draw(_random, distribution);
        }
    }

    /// <inheritdoc />
    internal override bool ReadsTrialAfterRun(TrialState state) => false;

    /// <summary>Draws one internal value from a distribution with the given generator.</summary>
    internal static double Draw(Random random, Distribution distribution) => distribution switch
    {
        FloatDistribution f => DrawFloat(random, f),
        IntDistribution i => DrawInt(random, i),
        CategoricalDistribution c => random.Next(c.Choices.Count),
        _ => throw new ArgumentException($"Unknown distribution type {distribution.GetType().Name}.",
            nameof(distribution)),
    };

    private static double DrawFloat(Random random, FloatDistribution f)
    {
        if (f.IsSingle)
        {
            return f.Low;
        }

        if (f.Step is not null)
        {
            return f.GridPoint(random.NextInt64(f.GridIntervals + 1));
        }

        if (f.Log)
        {
            double logLow = Math.Log(f.Low);
            double logHigh = Math.Log(f.High);
            return Math.Clamp(Math.Exp(logLow + (random.NextDouble() * (logHigh - logLow))), f.Low, f.High);
        }

        return Math.Clamp(f.Low + (random.NextDouble() * (f.High - f.Low)), f.Low, f.High);
    }

    private static double DrawInt(Random random, IntDistribution i)
    {
        if (i.IsSingle)
        {
            return i.Low;
        }

        if (i.Log)
        {
            double logLow = Math.Log(i.Low - 0.5);
            double logHigh = Math.Log(i.High + 0.5);
            double v = Math.Round(Math.Exp(logLow + (random.NextDouble() * (logHigh - logLow))));
            return Math.Clamp(v, i.Low, i.High);
        }

        long intervals = (long)(((Int128)i.High - i.Low) / i.Step);
        return i.Low + (random.NextInt64(intervals + 1) * i.Step);
    }
}
