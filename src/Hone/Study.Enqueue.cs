using Hone.Distributions;
using Hone.Internal;

namespace Hone;

public sealed partial class Study
{
    /// <summary>Explains why an enqueued value cannot be used, or returns <see langword="null"/> when it can.
    /// </summary>
    private static string? FindEnqueueProblem(IReadOnlyList<FrozenTrial> trials, string name, object? value)
    {
        if (value is not (null or string or bool or int or long or short or byte or double or float or decimal))
        {
            return $"parameter '{name}' must be a number, string, bool or null, but got "
                + $"{FloatDistribution.Describe(value)}";
        }

        if (value is double d && !double.IsFinite(d) || value is float f && !float.IsFinite(f))
        {
            return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"parameter '{name}' must be finite, but got {value}");
        }

        // Check against the distribution the study already uses for this name, newest first, so that a value
        // no sampler could handle (0 for a log scale, a missing choice) is refused before it is queued.
        for (int i = trials.Count - 1; i >= 0; i--)
        {
            if (trials[i].Distributions.TryGetValue(name, out var distribution))
            {
                try
                {
                    distribution.ToInternal(value);
                    return null;
                }
                catch (ArgumentException e)
                {
                    return $"parameter '{name}' cannot take this value: {Errors.MessageOf(e)}";
                }
            }
        }

        return null;
    }

    private static bool Matches(FrozenTrial trial, IReadOnlyDictionary<string, object?> parameters)
    {
        var existing = trial.SystemAttributes.TryGetValue(LiveTrial.FixedParamsKey, out object? fixedParams)
            && fixedParams is IReadOnlyDictionary<string, object?> queued
            ? queued
            : trial.Params;
        foreach (var (name, value) in parameters)
        {
            if (!existing.TryGetValue(name, out object? other) || !SameValue(value, other))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameValue(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (bool x, bool y) => x == y,
        (bool, _) or (_, bool) or (string, _) or (_, string) => false,
        _ => Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture)
            .Equals(Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static void CheckParams(FrozenTrial trial)
    {
        foreach (string name in trial.Params.Keys)
        {
            if (!trial.Distributions.ContainsKey(name))
            {
                throw new ArgumentException(
                    $"AddTrial: parameter '{name}' has a value but no distribution; give both.", nameof(trial));
            }
        }

        foreach (var (name, distribution) in trial.Distributions)
        {
            if (!trial.Params.TryGetValue(name, out object? value))
            {
                throw new ArgumentException(
                    $"AddTrial: parameter '{name}' has a distribution but no value; give both.", nameof(trial));
            }

            try
            {
                distribution.ToInternal(value);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException(
                    $"AddTrial: parameter '{name}' does not fit its distribution: {Errors.MessageOf(e)}",
                    nameof(trial), e);
            }
        }
    }
}
