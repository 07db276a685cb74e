using System.Collections.Frozen;
using System.Globalization;
using Hone.Distributions;
using Hone.Internal;

namespace Hone;

/// <summary>Holds an immutable snapshot of one trial: its state, values, parameters and what it reported.</summary>
/// <remarks>
/// Storages return snapshots; a snapshot never changes after it is made, and a finished trial never changes in
/// storage. Build one with an object initializer to add a finished trial to a study through
/// <see cref="Study.AddTrial(FrozenTrial)"/>; <see cref="Number"/> and <see cref="TrialId"/> are then assigned by the
/// storage. The collections given to the initializer (or to <see langword="with"/>) are copied into read-only ones,
/// unless they are immutable already, so changing them afterwards does not change the snapshot.
/// </remarks>
public sealed record FrozenTrial
{
    private static readonly IReadOnlyDictionary<string, object?> NoAttributes =
        FrozenDictionary<string, object?>.Empty;

    private readonly IReadOnlyList<double>? _values;
    private readonly IReadOnlyDictionary<string, object?> _params = NoAttributes;
    private readonly IReadOnlyDictionary<string, Distribution> _distributions =
        FrozenDictionary<string, Distribution>.Empty;
    private readonly IReadOnlyDictionary<int, double> _intermediateValues = FrozenDictionary<int, double>.Empty;
    private readonly IReadOnlyDictionary<string, object?> _userAttributes = NoAttributes;
    private readonly IReadOnlyDictionary<string, object?> _systemAttributes = NoAttributes;

    /// <summary>Creates an empty snapshot, to fill with an object initializer.</summary>
    public FrozenTrial()
    {
    }

    /// <summary>Creates a snapshot over collections that cannot change, without copying them: storages build a
    /// snapshot on every read of a trial that changed, and the initializers' checks would cost time there.</summary>
    internal FrozenTrial(
        IReadOnlyList<double>? values,
        IReadOnlyDictionary<string, object?> parameters,
        IReadOnlyDictionary<string, Distribution> distributions,
        IReadOnlyDictionary<int, double> intermediateValues,
        IReadOnlyDictionary<string, object?> userAttributes,
        IReadOnlyDictionary<string, object?> systemAttributes)
    {
        _values = values;
        _params = parameters;
        _distributions = distributions;
        _intermediateValues = intermediateValues;
        _userAttributes = userAttributes;
        _systemAttributes = systemAttributes;
    }

    /// <summary>Gets the trial's number: 0, 1, 2, … in creation order within its study, dense and unique.</summary>
    public int Number { get; init; }

    /// <summary>Gets the trial's identifier, unique within its storage.</summary>
    public long TrialId { get; init; }

    /// <summary>Gets the trial's state.</summary>
    public TrialState State { get; init; }

    /// <summary>Gets the objective values of a completed trial (one per direction), the last intermediate value of
    /// a pruned trial that reported one, or <see langword="null"/>.</summary>
    public IReadOnlyList<double>? Values { get => _values; init => _values = ReadOnlyCopy.Of(value); }

    /// <summary>Gets the parameters as user code saw them, by name: a <see cref="double"/> for float parameters, a
    /// <see cref="long"/> for int parameters and the choice itself for categorical ones.</summary>
    /// <exception cref="ArgumentNullException">The value set is <see langword="null"/>.</exception>
    public IReadOnlyDictionary<string, object?> Params
    {
        get => _params;
        init => _params = ReadOnlyCopy.Of(value, nameof(Params));
    }

    /// <summary>Gets the distribution each parameter was drawn from, by name.</summary>
    /// <exception cref="ArgumentNullException">The value set is <see langword="null"/>.</exception>
    public IReadOnlyDictionary<string, Distribution> Distributions
    {
        get => _distributions;
        init => _distributions = ReadOnlyCopy.Of(value, nameof(Distributions));
    }

    /// <summary>Gets the intermediate values reported with <see cref="Trial.Report(double, int)"/>, by step.</summary>
    /// <exception cref="ArgumentNullException">The value set is <see langword="null"/>.</exception>
    public IReadOnlyDictionary<int, double> IntermediateValues
    {
        get => _intermediateValues;
        init => _intermediateValues = ReadOnlyCopy.Of(value, nameof(IntermediateValues));
    }

    /// <summary>Gets the attributes user code attached to the trial.</summary>
    /// <exception cref="ArgumentNullException">The value set is <see langword="null"/>.</exception>
    public IReadOnlyDictionary<string, object?> UserAttributes
    {
        get => _userAttributes;
        init => _userAttributes = ReadOnlyCopy.Of(value, nameof(UserAttributes));
    }

    /// <summary>Gets the attributes Hone and its samplers attached to the trial.</summary>
    /// <exception cref="ArgumentNullException">The value set is <see langword="null"/>.</exception>
    public IReadOnlyDictionary<string, object?> SystemAttributes
    {
        get => _systemAttributes;
        init => _systemAttributes = ReadOnlyCopy.Of(value, nameof(SystemAttributes));
    }

    /// <summary>Gets when the trial started running, or <see langword="null"/> while it waits.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets when the trial finished, or <see langword="null"/> while it runs or waits.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Gets the single objective value, or <see langword="null"/> when there is none.</summary>
    /// <exception cref="InvalidOperationException">The trial has several objective values; use
    /// <see cref="Values"/>.</exception>
    public double? Value => Values switch
    {
        null => null,
        [var v] => v,
        _ => throw new InvalidOperationException(
            $"Trial {Number} has {Values.Count} objective values; read Values instead of Value."),
    };

    /// <summary>Gets the time the trial ran, or <see langword="null"/> until it finished.</summary>
    public TimeSpan? Duration => CompletedAt - StartedAt;

    /// <summary>Gets the highest step with an intermediate value, or <see langword="null"/> when none was
    /// reported.</summary>
    public int? LastStep => IntermediateValues.Count == 0 ? null : IntermediateValues.Keys.Max();

    /// <summary>Describes the trial in one line: number, state, values and parameters.</summary>
    /// <returns>For example <c>FrozenTrial { Number = 3, State = Complete, Values = [0.25], Params = {x: 1.5} }</c>.
    /// </returns>
    public override string ToString()
    {
        string values = Values is null
            ? "null"
            : "[" + string.Join(", ", Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";
        string parameters = Study.FormatParams(Params);
        return string.Create(CultureInfo.InvariantCulture,
            $"FrozenTrial {{ Number = {Number}, State = {State}, Values = {values}, Params = {parameters} }}");
    }

    /// <summary>Returns the internal representation of a parameter, as samplers use it.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The internal value.</returns>
    /// <exception cref="KeyNotFoundException">The trial has no such parameter.</exception>
    public double GetInternalParam(string name) => Distributions[name].ToInternal(Params[name]);
}
