using System.Globalization;

namespace Hone.Distributions;

/// <summary>Describes the values one parameter may take and converts them to and from the internal number
/// that samplers work with.</summary>
/// <remarks>
/// Every distribution validates its arguments on construction and is immutable. The internal representation is a
/// <see cref="double"/>: the value itself for <see cref="FloatDistribution"/> and <see cref="IntDistribution"/>, and
/// the index of the choice for <see cref="CategoricalDistribution"/>. Only Hone defines distributions; samplers
/// switch on the three concrete types.
/// </remarks>
public abstract record Distribution
{
    private protected Distribution()
    {
    }

    /// <summary>Gets a value indicating whether exactly one value is admissible.</summary>
    public abstract bool IsSingle { get; }

    /// <summary>Tells whether an internal value is admissible: inside the bounds and on the grid.</summary>
    /// <param name="internalValue">The internal representation of a value.</param>
    /// <returns><see langword="true"/> when the value is admissible.</returns>
    public abstract bool Contains(double internalValue);

    /// <summary>Converts a value as user code sees it to its internal representation.</summary>
    /// <param name="value">A value of the type this distribution returns (or one convertible to it).</param>
    /// <returns>The internal representation.</returns>
    /// <exception cref="ArgumentException">The value has the wrong type, is NaN, is not integral for an integer
    /// distribution, is not positive for a log distribution or is not one of the choices.</exception>
    public abstract double ToInternal(object? value);

    /// <summary>Converts an internal value back to the value user code sees.</summary>
    /// <param name="internalValue">The internal representation.</param>
    /// <returns>A <see cref="double"/>, a <see cref="long"/>, or the categorical choice.</returns>
    public abstract object? ToExternal(double internalValue);

    /// <summary>Names the kind of distribution in messages ("float", "int", "categorical").</summary>
    internal abstract string KindName { get; }

    /// <summary>Gets the kind with its article, for messages: "an int distribution".</summary>
    internal string KindPhrase => (KindName is "int" ? "an " : "a ") + KindName + " distribution";

    /// <summary>Explains why <paramref name="other"/> cannot share a name with this distribution inside one
    /// study, or returns <see langword="null"/> when it can (a plain range change is allowed).</summary>
    internal abstract string? FindIncompatibility(Distribution other);

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Prefix(string? parameterName, string method) =>
        parameterName is null ? method + ": " : $"{method}('{parameterName}'): ";
}
