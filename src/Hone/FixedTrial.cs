using Hone.Distributions;
using Hone.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hone;

/// <summary>Replays an objective with given parameter values, outside any study.</summary>
/// <remarks>
/// Pass <see cref="Study.BestParams"/> to rebuild the best trial's model with the very objective that found it.
/// Reports are kept but never prune, and nothing is stored.
/// </remarks>
/// <example>
/// <code>
/// double error = objective(new FixedTrial(study.BestParams));
/// </code>
/// </example>
public sealed class FixedTrial : Trial
{
    private readonly IReadOnlyDictionary<string, object?> _given;
    private readonly Dictionary<int, double> _reports = [];
    private readonly Dictionary<string, object?> _userAttributes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    /// <summary>Creates a trial that answers every suggestion from <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The value of every parameter the objective will suggest, by name.</param>
    /// <param name="number">The number the trial reports as its own.</param>
    /// <param name="logger">Where warnings go (values outside their distribution); none when
    /// <see langword="null"/>.</param>
    public FixedTrial(IReadOnlyDictionary<string, object?> parameters, int number = 0, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _given = parameters;
        Number = number;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public override int Number { get; }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> UserAttributes => _userAttributes.AsReadOnly();

    /// <summary>Gets the intermediate values reported so far, by step.</summary>
    public IReadOnlyDictionary<int, double> IntermediateValues => _reports.AsReadOnly();

    private protected override ILogger Logger => _logger;

    /// <inheritdoc />
    public override void Report(double value, int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        _reports.TryAdd(step, value);
    }

    /// <inheritdoc />
    public override bool ShouldPrune() => false;

    /// <inheritdoc />
    public override void SetUserAttribute(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        _userAttributes[key] = value;
    }

    private protected override double Choose(string name, Distribution distribution)
    {
        if (!_given.TryGetValue(name, out object? given))
        {
            throw new ArgumentException(
                $"FixedTrial has no value for parameter '{name}'; it was given [{string.Join(", ", _given.Keys)}]. "
                + "Pass a value for every parameter the objective suggests.", name);
        }

        double value;
        try
        {
            value = distribution.ToInternal(given);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(
                $"FixedTrial's value of parameter '{name}' cannot be used: {Errors.MessageOf(e)}",
                name, e);
        }

        if (!distribution.Contains(value))
        {
            Log.FixedValueOutside(_logger, name, given, distribution);
        }

        return value;
    }

    private protected override void Keep(string name, double internalValue, Distribution distribution)
    {
    }

    private protected override bool FirstTime(string key) => _warned.Add(key);
}
