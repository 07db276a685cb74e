using System.Globalization;

namespace Hone.Distributions;

/// <summary>Describes an integer parameter on [low, high] with a step, optionally on a log scale.</summary>
/// <remarks>
/// The admissible values are <c>low + k·step</c>, anchored at low and inclusive of both ends; a step that does not
/// divide the range narrows <see cref="High"/>. A log scale needs low &gt; 0 and step 1. Values are 64-bit so that
/// large log ranges (such as 9e8..1.8e10) stay exact; user code reads them back as <see cref="long"/>. Bounds must
/// lie within ±2^53, where every integer has an exact double.
/// </remarks>
public sealed record IntDistribution : Distribution
{
    /// <summary>Creates and validates an integer distribution.</summary>
    /// <param name="low">The lower bound, inclusive.</param>
    /// <param name="high">The upper bound, inclusive; narrowed to the grid.</param>
    /// <param name="log">Whether to sample on a log scale; needs low &gt; 0 and step 1.</param>
    /// <param name="step">The grid step, at least 1.</param>
    /// <exception cref="ArgumentException">low &gt; high, step &lt;= 0, log with low &lt;= 0, or log with a step
    /// other than 1.</exception>
    public IntDistribution(long low, long high, bool log = false, long step = 1)
        : this(null, low, high, log, step)
    {
    }

    internal IntDistribution(string? parameterName, long low, long high, bool log, long step)
    {
        string where = Prefix(parameterName, parameterName is null ? nameof(IntDistribution) : "SuggestInt");
        if (low > high)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture, $"{where}'low <= high' must hold, but got low={low}, high={high}."),
                nameof(low));
        }

        if (low is > MaxExact or < -MaxExact || high is > MaxExact or < -MaxExact)
        {
            string got = string.Create(CultureInfo.InvariantCulture, $"low={low}, high={high}");
            throw new ArgumentException(
                $"{where}'low' and 'high' must lie within ±2^53 = ±9007199254740992 so that every value stays "
                + $"exact, but got {got}.",
                low is > MaxExact or < -MaxExact ? nameof(low) : nameof(high));
        }

        if (step <= 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{where}'step > 0' must hold, but got step={step}."),
                nameof(step));
        }

        if (log && step != 1)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{where}'step' other than 1 and 'log' cannot be used together, but got step={step}, log=true."),
                nameof(step));
        }

        if (log && low <= 0)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{where}'low > 0' must hold when log=true, but got low={low}, high={high}."),
                nameof(low));
        }

        Low = low;
        High = Grid.NarrowHigh(low, high, step);
        Log = log;
        Step = step;
    }

    /// <summary>The largest magnitude of a bound: samplers work on doubles, which hold every integer up to 2^53.
    /// </summary>
    public const long MaxExact = 1L << 53;

    /// <summary>Gets the lower bound, inclusive.</summary>
    public long Low { get; }

    /// <summary>Gets the upper bound, inclusive and on the grid.</summary>
    public long High { get; }

    /// <summary>Gets a value indicating whether the parameter is sampled on a log scale.</summary>
    public bool Log { get; }

    /// <summary>Gets the grid step.</summary>
    public long Step { get; }

    /// <inheritdoc />
    public override bool IsSingle => Low == High;

    internal override string KindName => "int";

    /// <inheritdoc />
    public override bool Contains(double internalValue)
    {
        if (double.IsNaN(internalValue) || internalValue < Low || internalValue > High
            || internalValue != Math.Floor(internalValue))
        {
            return false;
        }

        return ((long)internalValue - Low) % Step == 0;
    }

    /// <inheritdoc />
    public override double ToInternal(object? value)
    {
        double v = value switch
        {
            int i => i,
            long l => l,
            short s => s,
            byte b => b,
            double d => d,
            float f => f,
            decimal m => (double)m,
            _ => throw new ArgumentException(
                $"An int parameter needs an integer, but got {FloatDistribution.Describe(value)}.", nameof(value)),
        };
        if (!double.IsFinite(v) || v != Math.Floor(v))
        {
            throw new ArgumentException(
                $"An int parameter needs an integral value, but got {Format(v)}.", nameof(value));
        }

        if (Log && v <= 0)
        {
            throw new ArgumentException(
                $"A log-scale int parameter needs a value > 0, but got {Format(v)}.", nameof(value));
        }

        return v;
    }

    /// <inheritdoc />
    public override object? ToExternal(double internalValue) => (long)Math.Round(internalValue);

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"IntDistribution(low={Low}, high={High}, log={(Log ? "true" : "false")}, step={Step})");

    internal override string? FindIncompatibility(Distribution other) => other switch
    {
        IntDistribution i when i.Log != Log => $"log={Log.ToString().ToLowerInvariant()} before, "
            + $"log={i.Log.ToString().ToLowerInvariant()} now",
        IntDistribution => null,
        _ => $"{KindPhrase} before, {other.KindPhrase} now",
    };
}
