using System.Collections.Frozen;
using System.Globalization;
using Hone.Distributions;

namespace Hone;

/// <summary>Holds an immutable snapshot of one trial: its state, values, parameters and what it reported.</summary>
/// <remarks>
/// Storages return snapshots; a snapshot never changes after it is made, and a finished trial never changes in
/// storage. Build one with an object initializer to add a finished trial to a study through
/// <see cref="Study.AddTrial(FrozenTrial)"/>; <see cref="Number"/> and <see cref="TrialId"/> are then assigned by the
/// storage.
/// </remarks>
public sealed record FrozenTrial
{
    private static readonly IReadOnlyDictionary<string, object?> NoAttributes =
        FrozenDictionary<string, object?>.Empty;

    /// <summary>Gets the trial's number: 0, 1, 2, … in creation order within its study, dense and unique.</summary>
    public int Number { get; init; }

    /// <summary>Gets the trial's identifier, unique within its storage.</summary>
    public long TrialId { get; init; }

    /// <summary>Gets the trial's state.</summary>
    public TrialState State { get; init; }

    /// <summary>Gets the objective values of a completed trial (one per direction), the last intermediate value of
    /// a pruned trial that reported one, or <see langword="null"/>.</summary>
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>Gets the parameters as user code saw them, by name: a <see cref="double"/> for float parameters, a
    /// <see cref="long"/> for int parameters and the choice itself for categorical ones.</summary>
    public IReadOnlyDictionary<string, object?> Params { get; init; } = NoAttributes;

    /// <summary>Gets the distribution each parameter was drawn from, by name.</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions { get; init; } =
        FrozenDictionary<string, Distribution>.Empty;

    /// <summary>Gets the intermediate values reported with <see cref="Trial.Report(double, int)"/>, by step.</summary>
    public IReadOnlyDictionary<int, double> IntermediateValues { get; init; } = FrozenDictionary<int, double>.Empty;

    /// <summary>Gets the attributes user code attached to the trial.</summary>
    public IReadOnlyDictionary<string, object?> UserAttributes { get; init; } = NoAttributes;

    /// <summary>Gets the attributes Hone and its samplers attached to the trial.</summary>
    public IReadOnlyDictionary<string, object?> SystemAttributes { get; init; } = NoAttributes;

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
