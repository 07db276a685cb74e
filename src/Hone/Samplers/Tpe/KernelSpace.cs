using Hone.Distributions;

namespace Hone.Samplers.Tpe;

/// <summary>Describes one parameter as TPE models it: its internal interval (widened by half a step for grids,
/// on a log scale where asked) or its number of choices.</summary>
internal sealed class KernelSpace
{
    // The interval in parameter units, as the round trip through the axis gives it (values are clamped to it).
    private double _lowValue;
    private double _highValue;

    private KernelSpace(Distribution distribution)
    {
        Distribution = distribution;
    }

    public Distribution Distribution { get; }

    /// <summary>Gets the number of choices of a categorical parameter, or 0 for a numeric one.</summary>
    public int Choices { get; private init; }

    /// <summary>Gets the lower end of the internal interval.</summary>
    public double Low { get; private init; }

    /// <summary>Gets the upper end of the internal interval.</summary>
    public double High { get; private init; }

    /// <summary>Gets a value indicating whether the internal value is the logarithm of the parameter.</summary>
    public bool Log { get; private init; }

    /// <summary>Gets the grid step in parameter units, or 0 for a continuous parameter.</summary>
    public double Step { get; private init; }

    public bool IsCategorical => Choices > 0;

    public bool IsDiscrete => Step > 0;

    public static KernelSpace For(Distribution distribution) => distribution switch
    {
        CategoricalDistribution c => new KernelSpace(c) { Choices = c.Choices.Count },
        FloatDistribution { Step: { } step } f => Numeric(f, f.Low - (step / 2), f.High + (step / 2), false, step),
        FloatDistribution f => Numeric(f, f.Low, f.High, f.Log, 0),
        IntDistribution i => Numeric(i, i.Low - (i.Step / 2.0), i.High + (i.Step / 2.0), i.Log, i.Step),
        _ => throw new ArgumentException($"Unknown distribution {distribution}.", nameof(distribution)),
    };

    /// <summary>Maps a parameter's value (its internal representation in Hone) to the kernel's axis.</summary>
    public double ToAxis(double value)
    {
        double clamped = Math.Clamp(value, _lowValue, _highValue);
        return Log ? Math.Log(clamped) : clamped;
    }

    /// <summary>Maps a point of the kernel's axis back to an admissible parameter value (on its grid).</summary>
    public double ToValue(double axis)
    {
        double value = FromAxis(axis);
        return Distribution switch
        {
            FloatDistribution { Step: { } step } f => f.GridPoint((long)Math.Round((value - f.Low) / step)),
            FloatDistribution f => Math.Clamp(value, f.Low, f.High),
            IntDistribution i => Math.Clamp(i.Low + (Math.Round((value - i.Low) / i.Step) * i.Step), i.Low, i.High),
            _ => value,
        };
    }

    /// <summary>Returns the cell of a grid value on the kernel's axis: the value ± half a step.</summary>
    public (double Lower, double Upper) Cell(double value)
    {
        double lower = value - (Step / 2);
        double upper = value + (Step / 2);
        return Log
            ? (Math.Log(Math.Max(lower, double.Epsilon)), Math.Log(upper))
            : (lower, upper);
    }

    private static KernelSpace Numeric(Distribution d, double low, double high, bool log, double step)
    {
        var space = new KernelSpace(d)
        {
            Low = log ? Math.Log(low) : low,
            High = log ? Math.Log(high) : high,
            Log = log,
            Step = step,
        };
        double lowValue = space.FromAxis(space.Low);
        double highValue = space.FromAxis(space.High);
        space._lowValue = Math.Min(lowValue, highValue);
        space._highValue = Math.Max(lowValue, highValue);
        return space;
    }

    private double FromAxis(double axis) => Log ? Math.Exp(axis) : axis;
}
