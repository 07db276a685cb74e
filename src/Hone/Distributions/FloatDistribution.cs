using System.Globalization;

namespace Hone.Distributions;

/// <summary>Describes a real parameter on [low, high], optionally on a log scale or on a grid of fixed step.</summary>
/// <remarks>
/// With a <see cref="Step"/>, the admissible values are <c>low + k·step</c> for whole k, anchored at low and
/// inclusive of both ends. A step that does not divide the range narrows <see cref="High"/> to the last grid point
/// below it. <c>low == high</c> is legal and always yields that value.
/// </remarks>
public sealed record FloatDistribution : Distribution
{
    /// <summary>Creates and validates a float distribution.</summary>
    /// <param name="low">The lower bound, inclusive.</param>
    /// <param name="high">The upper bound, inclusive; narrowed to the grid when a step is given.</param>
    /// <param name="log">Whether to sample on a log scale; needs <paramref name="low"/> &gt; 0.</param>
    /// <param name="step">The grid step, or <see langword="null"/> for a continuous range; cannot combine with
    /// <paramref name="log"/>.</param>
    /// <exception cref="ArgumentException">A bound is not finite, low &gt; high, step &lt;= 0, log with
    /// low &lt;= 0, or step together with log.</exception>
    public FloatDistribution(double low, double high, bool log = false, double? step = null)
        : this(null, low, high, log, step)
    {
    }

    internal FloatDistribution(string? parameterName, double low, double high, bool log, double? step)
    {
        string where = Prefix(parameterName, parameterName is null ? nameof(FloatDistribution) : "SuggestFloat");
        if (!double.IsFinite(low) || !double.IsFinite(high))
        {
            throw new ArgumentException(
                $"{where}'low' and 'high' must be finite, but got low={Format(low)}, high={Format(high)}.",
                double.IsFinite(low) ? nameof(high) : nameof(low));
        }

        if (low > high)
        {
            throw new ArgumentException(
                $"{where}'low <= high' must hold, but got low={Format(low)}, high={Format(high)}.", nameof(low));
        }

        if (!double.IsFinite(high - low))
        {
            throw new ArgumentException(
                $"{where}'high - low' must be a finite number, but got low={Format(low)}, high={Format(high)}.",
                nameof(high));
        }

        if (step is { } s && !(s > 0 && double.IsFinite(s)))
        {
            throw new ArgumentException(
                $"{where}'step > 0' must hold and step must be finite, but got step={Format(s)}.", nameof(step));
        }

        if (log && step is not null)
        {
            throw new ArgumentException(
                $"{where}'step' and 'log' cannot be used together, but got step={Format(step.Value)}, log=true.",
                nameof(step));
        }

        if (log && low <= 0)
        {
            throw new ArgumentException(
                $"{where}'low > 0' must hold when log=true, but got low={Format(low)}, high={Format(high)}.",
                nameof(low));
        }

        if (step is { } gridStep && (high - low) / gridStep > MaxGridPoints)
        {
            throw new ArgumentException(
                $"{where}the range may hold at most 2^53 steps, but got low={Format(low)}, high={Format(high)}, "
                + $"step={Format(gridStep)}; use a larger step, or no step.",
                nameof(step));
        }

        Low = low;
        High = step is { } st ? Grid.NarrowHigh(low, high, st) : high;
        Log = log;
        Step = step;
    }

    // Grid points are counted in a long and reached through doubles, which hold every integer up to 2^53.
    private const double MaxGridPoints = 9007199254740992;

    /// <summary>Gets the lower bound, inclusive.</summary>
    public double Low { get; }

    /// <summary>Gets the upper bound, inclusive; on the grid when <see cref="Step"/> is set.</summary>
    public double High { get; }

    /// <summary>Gets a value indicating whether the parameter is sampled on a log scale.</summary>
    public bool Log { get; }

    /// <summary>Gets the grid step, or <see langword="null"/> for a continuous range.</summary>
    public double? Step { get; }

    /// <inheritdoc />
    public override bool IsSingle => Low == High;

    internal override string KindName => "float";

    /// <summary>Gets the number of grid points minus one when <see cref="Step"/> is set.</summary>
    internal long GridIntervals => Step is { } s ? (long)Math.Round((High - Low) / s) : 0;

    /// <inheritdoc />
    public override bool Contains(double internalValue)
    {
        if (double.IsNaN(internalValue) || internalValue < Low || internalValue > High)
        {
            return false;
        }

        if (Step is not { } s)
        {
            return true;
        }

        double k = (internalValue - Low) / s;
        return Math.Abs(k - Math.Round(k)) <= 1e-8 * Math.Max(1, Math.Abs(k));
    }

    /// <inheritdoc />
    public override double ToInternal(object? value)
    {
        double v = value switch
        {
            double d => d,
            float f => f,
            int i => i,
            long l => l,
            decimal m => (double)m,
            _ => throw new ArgumentException(
                $"A float parameter needs a number, but got {Describe(value)}.", nameof(value)),
        };
        if (double.IsNaN(v))
        {
            throw new ArgumentException("A float parameter cannot be NaN.", nameof(value));
        }

        if (Log && v <= 0)
        {
            throw new ArgumentException(
                $"A log-scale float parameter needs a value > 0, but got {Format(v)}.", nameof(value));
        }

        return v;
    }

    /// <inheritdoc />
    public override object? ToExternal(double internalValue) => internalValue;

    /// <summary>Returns the value of grid point <paramref name="k"/>, clamped to the bounds.</summary>
    internal double GridPoint(long k) => Math.Clamp(Low + (k * Step!.Value), Low, High);

    /// <inheritdoc />
    public override string ToString() =>
        $"FloatDistribution(low={Format(Low)}, high={Format(High)}, log={(Log ? "true" : "false")}, "
        + $"step={(Step is { } s ? Format(s) : "null")})";

    internal override string? FindIncompatibility(Distribution other) => other switch
    {
        FloatDistribution f when f.Log != Log => $"log={Log.ToString().ToLowerInvariant()} before, "
            + $"log={f.Log.ToString().ToLowerInvariant()} now",
        FloatDistribution => null,
        _ => $"{KindPhrase} before, {other.KindPhrase} now",
    };

    internal static string Describe(object? value) => value is null
        ? "null"
        : string.Create(CultureInfo.InvariantCulture, $"{value} of type {value.GetType().Name}");
}
