using Hone.Distributions;
using Microsoft.Extensions.Logging;

namespace Hone;

/// <summary>Asks for parameter values inside an objective and reports its progress: the define-by-run handle.</summary>
/// <remarks>
/// <para>
/// An objective receives a trial and calls <see cref="SuggestFloat"/>, <see cref="SuggestInt"/> or
/// <see cref="SuggestCategorical{T}"/> wherever it needs a value, inside loops and branches; the space a trial used is
/// whatever it asked for. Suggesting a name again in the same trial returns the first value (with a warning when the
/// arguments differ); a different kind of distribution under the same name is an error.
/// </para>
/// <para>
/// Trials given out by a study write through to its storage. <see cref="FixedTrial"/> replays an objective with
/// given values. A trial is used by one thread at a time.
/// </para>
/// </remarks>
public abstract class Trial
{
    private readonly Dictionary<string, (Distribution Distribution, object? Value)> _suggested =
        new(StringComparer.Ordinal);

    private protected Trial()
    {
    }

    /// <summary>Gets the trial's number within its study.</summary>
    public abstract int Number { get; }

    /// <summary>Gets the parameters suggested so far, by name, as user code saw them.</summary>
    public IReadOnlyDictionary<string, object?> Params =>
        _suggested.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal).AsReadOnly();

    /// <summary>Gets the distributions of the parameters suggested so far, by name.</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions =>
        _suggested.ToDictionary(p => p.Key, p => p.Value.Distribution, StringComparer.Ordinal).AsReadOnly();

    /// <summary>Gets the trial's user attributes.</summary>
    public abstract IReadOnlyDictionary<string, object?> UserAttributes { get; }

    private protected abstract ILogger Logger { get; }

    /// <summary>Suggests a real value for a parameter.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="low">The lower bound, inclusive.</param>
    /// <param name="high">The upper bound, inclusive.</param>
    /// <param name="step">A grid step anchored at <paramref name="low"/>, or <see langword="null"/> for a continuous
    /// range. A step that does not divide the range narrows <paramref name="high"/>, with one warning.</param>
    /// <param name="log">Whether to sample on a log scale; needs <paramref name="low"/> &gt; 0 and no step.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The arguments break a rule; the message names the parameter, the rule and
    /// the values.</exception>
    /// <exception cref="IncompatibleDistributionException">The name was used with another kind of distribution, or
    /// with another log flag earlier in the study.</exception>
    public double SuggestFloat(string name, double low, double high, double? step = null, bool log = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var distribution = new FloatDistribution(name, low, high, log, step);
        if (distribution.High != high)
        {
            WarnNarrowed("SuggestFloat", name, Distribution.Format(low), Distribution.Format(high),
                Distribution.Format(step!.Value), Distribution.Format(distribution.High));
        }

        return (double)Suggest(name, distribution)!;
    }

    /// <summary>Suggests an integer value for a parameter.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="low">The lower bound, inclusive.</param>
    /// <param name="high">The upper bound, inclusive.</param>
    /// <param name="step">The grid step anchored at <paramref name="low"/>; a step that does not divide the range
    /// narrows <paramref name="high"/>, with one warning.</param>
    /// <param name="log">Whether to sample on a log scale; needs <paramref name="low"/> &gt; 0 and step 1.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The arguments break a rule.</exception>
    /// <exception cref="IncompatibleDistributionException">The name was used with another kind of distribution.
    /// </exception>
    public int SuggestInt(string name, int low, int high, int step = 1, bool log = false)
    {
        long value = SuggestLong(name, low, high, step, log);
        return value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new ArgumentException(
                $"SuggestInt('{name}'): the value {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} "
                + "(given earlier, enqueued or fixed) does not fit in an int; use SuggestLong for this parameter.",
                nameof(name));
    }

    /// <summary>Suggests a 64-bit integer value for a parameter; see <see cref="SuggestInt"/>.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="low">The lower bound, inclusive.</param>
    /// <param name="high">The upper bound, inclusive.</param>
    /// <param name="step">The grid step anchored at <paramref name="low"/>.</param>
    /// <param name="log">Whether to sample on a log scale; needs <paramref name="low"/> &gt; 0 and step 1.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The arguments break a rule.</exception>
    /// <exception cref="IncompatibleDistributionException">The name was used with another kind of distribution.
    /// </exception>
    public long SuggestLong(string name, long low, long high, long step = 1, bool log = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var distribution = new IntDistribution(name, low, high, log, step);
        if (distribution.High != high)
        {
            WarnNarrowed("SuggestInt", name, Str(low), Str(high), Str(step), Str(distribution.High));
        }

        return (long)Suggest(name, distribution)!;
    }

    /// <summary>Suggests one of a list of choices for a parameter.</summary>
    /// <typeparam name="T">The type of the choices: <see cref="string"/>, <see cref="bool"/>, <see cref="int"/>,
    /// <see cref="long"/>, <see cref="double"/>, or <see cref="object"/> for a mix (with <see langword="null"/>).
    /// </typeparam>
    /// <param name="name">The parameter's name.</param>
    /// <param name="choices">The choices, at least one; within a study a name keeps the same choices.</param>
    /// <returns>The chosen value, with its own type.</returns>
    /// <exception cref="ArgumentException">The list is empty or holds an unsupported type.</exception>
    /// <exception cref="IncompatibleDistributionException">The name was used with other choices or another kind of
    /// distribution.</exception>
    public T SuggestCategorical<T>(string name, params IReadOnlyList<T> choices)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(choices);
        var distribution = new CategoricalDistribution(name, choices.Select(c => (object?)c));
        return (T)Suggest(name, distribution)!;
    }

    /// <summary>Suggests one value of an enum; the choices are stored as the names of its values.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The chosen enum value.</returns>
    /// <exception cref="IncompatibleDistributionException">The name was used with other choices or another kind of
    /// distribution.</exception>
    public TEnum SuggestEnum<TEnum>(string name)
        where TEnum : struct, Enum =>
        Enum.Parse<TEnum>(SuggestCategorical<string>(name, Enum.GetNames<TEnum>()));

    /// <summary>Records an intermediate objective value, such as the validation error after an epoch.</summary>
    /// <param name="value">The value; NaN is kept, and pruners treat it as worst.</param>
    /// <param name="step">The step, 0 or more; reporting a step twice keeps the first value, with one warning.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public abstract void Report(double value, int step);

    /// <summary>Asks the study's pruner whether the trial should stop now; when it says so, throw
    /// <see cref="TrialPrunedException"/>.</summary>
    /// <returns><see langword="true"/> when the trial should stop.</returns>
    public abstract bool ShouldPrune();

    /// <summary>Attaches a user attribute to the trial.</summary>
    /// <param name="key">The attribute's name.</param>
    /// <param name="value">A JSON-serialisable value.</param>
    public abstract void SetUserAttribute(string key, object? value);

    /// <summary>Chooses the internal value of a parameter that this trial has not suggested yet.</summary>
    private protected abstract double Choose(string name, Distribution distribution);

    /// <summary>Keeps a chosen value (a study trial writes it to storage).</summary>
    private protected abstract void Keep(string name, double internalValue, Distribution distribution);

    /// <summary>Tells whether a warning with this key is given for the first time.</summary>
    private protected abstract bool FirstTime(string key);

    /// <summary>Suggests a parameter from a ready-made distribution (ask with fixed distributions).</summary>
    internal object? SuggestDistribution(string name, Distribution distribution)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(distribution);
        return Suggest(name, distribution);
    }

    private object? Suggest(string name, Distribution distribution)
    {
        if (_suggested.TryGetValue(name, out var earlier))
        {
            if (earlier.Distribution.FindIncompatibility(distribution) is { } reason)
            {
                throw new IncompatibleDistributionException(
                    $"Parameter '{name}' was already suggested in trial {Number} and cannot be suggested again with "
                    + $"a conflicting distribution ({reason}); use another name.");
            }

            if (earlier.Distribution != distribution && FirstTime("repeat:" + name))
            {
                Log.InconsistentRepeat(Logger, name, Number, distribution, earlier.Distribution);
            }

            return earlier.Value;
        }

        double value = Choose(name, distribution);
        Keep(name, value, distribution);
        object? external = distribution.ToExternal(value);
        _suggested[name] = (distribution, external);
        return external;
    }

    private void WarnNarrowed(string method, string name, string low, string high, string step, string narrowed)
    {
        if (FirstTime($"narrow:{name}:{low}:{high}:{step}"))
        {
            Log.StepNarrowedHigh(Logger, method, name, step, low, high, narrowed);
        }
    }

    private static string Str(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
