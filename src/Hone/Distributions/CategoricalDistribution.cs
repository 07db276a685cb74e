using System.Collections.ObjectModel;
using System.Globalization;

namespace Hone.Distributions;

/// <summary>Describes a parameter that takes one of a fixed list of choices.</summary>
/// <remarks>
/// A choice is a <see cref="string"/>, a <see cref="bool"/>, an <see cref="int"/>, a <see cref="long"/>, a
/// <see cref="double"/> or <see langword="null"/>; each comes back to user code with its own type. The internal value
/// of a choice is its index. Two categorical distributions are equal when their choices are equal in order.
/// </remarks>
public sealed record CategoricalDistribution : Distribution
{
    private readonly object?[] _choices;

    /// <summary>Creates and validates a categorical distribution.</summary>
    /// <param name="choices">The choices, at least one.</param>
    /// <exception cref="ArgumentException">The list is empty or a choice has an unsupported type.</exception>
    public CategoricalDistribution(IEnumerable<object?> choices)
        : this(null, choices)
    {
    }

    internal CategoricalDistribution(string? parameterName, IEnumerable<object?> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        string where = Prefix(
            parameterName, parameterName is null ? nameof(CategoricalDistribution) : "SuggestCategorical");
        _choices = [.. choices];
        if (_choices.Length == 0)
        {
            throw new ArgumentException($"{where}'choices' must contain at least one value, but got none.",
                nameof(choices));
        }

        for (int i = 0; i < _choices.Length; i++)
        {
            if (_choices[i] is not (null or string or bool or int or long or double))
            {
                throw new ArgumentException(
                    $"{where}each choice must be a string, bool, int, long, double or null, but choice {i} is "
                    + $"{FloatDistribution.Describe(_choices[i])}.",
                    nameof(choices));
            }
        }

        Choices = new ReadOnlyCollection<object?>(_choices);
    }

    /// <summary>Gets the choices in order.</summary>
    public IReadOnlyList<object?> Choices { get; }

    /// <inheritdoc />
    public override bool IsSingle => _choices.Length == 1;

    internal override string KindName => "categorical";

    /// <inheritdoc />
    public override bool Contains(double internalValue) =>
        internalValue >= 0 && internalValue < _choices.Length && internalValue == Math.Floor(internalValue);

    /// <inheritdoc />
    /// <remarks>A choice of the same type and value (bit for bit for a double) is preferred, so that with the choices
    /// 2, 2L and 2.0 each value finds its own; otherwise numbers of different types match when their values are equal.
    /// </remarks>
    public override double ToInternal(object? value)
    {
        for (int i = 0; i < _choices.Length; i++)
        {
            if (IsSameChoice(_choices[i], value))
            {
                return i;
            }
        }

        for (int i = 0; i < _choices.Length; i++)
        {
            if (SameChoice(_choices[i], value))
            {
                return i;
            }
        }

        throw new ArgumentException(
            $"{FloatDistribution.Describe(value)} is not one of the choices "
            + $"[{string.Join(", ", _choices.Select(Show))}].",
            nameof(value));
    }

    /// <inheritdoc />
    public override object? ToExternal(double internalValue) => _choices[(int)internalValue];

    /// <summary>Tells whether these choices equal another distribution's, in order and by type.</summary>
    /// <param name="other">The other distribution.</param>
    /// <returns><see langword="true"/> when the choices are equal.</returns>
    public bool Equals(CategoricalDistribution? other) =>
        other is not null && _choices.Length == other._choices.Length
        && _choices.Zip(other._choices).All(p => Equals(p.First, p.Second));

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (object? c in _choices)
        {
            hash.Add(c);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"CategoricalDistribution([{string.Join(", ", _choices.Select(Show))}])";

    internal override string? FindIncompatibility(Distribution other) => other switch
    {
        CategoricalDistribution c when !Equals(c) =>
            $"choices [{string.Join(", ", _choices.Select(Show))}] before, "
            + $"[{string.Join(", ", c._choices.Select(Show))}] now",
        CategoricalDistribution => null,
        _ => $"{KindPhrase} before, {other.KindPhrase} now",
    };

    /// <summary>Tells whether two choices are the same in type and in value; doubles are compared bit for bit, so
    /// that -0.0 is not 0.0, while NaN is NaN.</summary>
    internal static bool IsSameChoice(object? choice, object? value) => (choice, value) switch
    {
        (null, null) => true,
        (double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b)
            || (double.IsNaN(a) && double.IsNaN(b)),
        _ => choice is not null && value is not null && choice.GetType() == value.GetType() && choice.Equals(value),
    };

    /// <summary>Compares two choices; numbers of different types match when their values are equal.</summary>
    private static bool SameChoice(object? choice, object? value) => (choice, value) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (bool a, bool b) => a == b,
        (bool, _) or (_, bool) => false,
        (string, _) or (_, string) => false,
        _ => AsDouble(choice) is { } x && AsDouble(value) is { } y && x.Equals(y),
    };

    private static double? AsDouble(object o) => o switch
    {
        int i => i,
        long l => l,
        double d => d,
        float f => f,
        _ => null,
    };

    private static string Show(object? choice) => choice switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        double d => Format(d),
        _ => Convert.ToString(choice, CultureInfo.InvariantCulture) ?? "",
    };
}
