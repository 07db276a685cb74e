using System.Collections.Frozen;
using Hone.Distributions;
using Hone.Internal;
using Microsoft.Extensions.Logging;

namespace Hone;

/// <summary>Runs a trial of a study: values come from the enqueued parameters or the sampler and go to storage.
/// </summary>
internal sealed class LiveTrial : Trial
{
    /// <summary>Names the system attribute that holds the parameters of an enqueued trial.</summary>
    internal const string FixedParamsKey = "fixed_params";

    private readonly Study _study;

    // What the sampler sees of the study: all of it, or the trial's partition (Hyperband's bracket).
    private readonly Study _samplerStudy;
    private readonly IReadOnlyDictionary<string, object?>? _fixedParams;
    private readonly IReadOnlyDictionary<string, Distribution> _relativeSpace;
    private readonly IReadOnlyDictionary<string, double> _relativeValues;
    private HashSet<int>? _reportedSteps;

    // The trial as this object knows it: the snapshot it started from plus the parameters it set since. Samplers get
    // this instead of a fresh read per suggestion, which for a database costs a round trip each time.
    private FrozenTrial _known;
    private bool _warnedRepeatedStep;

    public LiveTrial(Study study, FrozenTrial running)
    {
        _study = study;
        TrialId = running.TrialId;
        Number = running.Number;
        _fixedParams = FixedParams(running);
        _known = running;
        _samplerStudy = study.PartitionView(running.Number);
        _relativeSpace = study.Sampler.InferRelativeSearchSpace(_samplerStudy, running);
        _relativeValues = _relativeSpace.Count == 0
            ? FrozenDictionary<string, double>.Empty
            : study.Sampler.SampleRelative(_samplerStudy, running, _relativeSpace);
    }

    public long TrialId { get; }

    public override int Number { get; }

    public override IReadOnlyDictionary<string, object?> UserAttributes => Snapshot().UserAttributes;

    internal Study Study => _study;

    private protected override ILogger Logger => _study.Logger;

    public override void Report(double value, int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (_study.PruningObjective is null)
        {
            throw new InvalidOperationException(
                $"Trial {Number} cannot report a value. " + _study.NoPruningObjectiveMessage("intermediate values"));
        }

        _reportedSteps ??= [];
        if (!_reportedSteps.Add(step))
        {
            if (!_warnedRepeatedStep)
            {
                _warnedRepeatedStep = true;
                Log.StepReportedTwice(Logger, step, Number);
            }

            return;
        }

        _study.Storage.SetTrialIntermediateValue(TrialId, step, value);
    }

    public override bool ShouldPrune() => _study.Pruner.Prune(_study, Snapshot());

    public override void SetUserAttribute(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        _study.Storage.SetTrialUserAttribute(TrialId, key, value);
    }

    internal FrozenTrial Snapshot() => _study.Storage.GetTrial(TrialId);

    private protected override double Choose(string name, Distribution distribution)
    {
        if (_fixedParams is not null && _fixedParams.TryGetValue(name, out object? given))
        {
            return FromEnqueued(name, given, distribution);
        }

        if (distribution.IsSingle)
        {
            return distribution.ToInternal(SingleValue(distribution));
        }

        // A joint draw is used only where it fits the distribution of this very call: bounds may depend on
        // earlier parameters, so a relative value outside them is dropped and the parameter drawn on its own.
        if (_relativeValues.TryGetValue(name, out double relative)
            && _relativeSpace.TryGetValue(name, out var relativeDistribution)
            && relativeDistribution.FindIncompatibility(distribution) is null
            && distribution.Contains(relative))
        {
            return relative;
        }

        double value = _study.Sampler.SampleIndependent(_samplerStudy, _known, name, distribution);
        if (!distribution.Contains(value))
        {
            throw new InvalidOperationException(
                $"Sampler {_study.Sampler.GetType().Name} returned {Distribution.Format(value)} for parameter "
                + $"'{name}', which lies outside {distribution}; this is a bug in the sampler.");
        }

        return value;
    }

    private protected override void Keep(string name, double internalValue, Distribution distribution)
    {
        _study.Storage.SetTrialParameter(TrialId, name, internalValue, distribution);
        _known = _known with
        {
            Params = new Dictionary<string, object?>(_known.Params, StringComparer.Ordinal)
            {
                [name] = distribution.ToExternal(internalValue),
            },
            Distributions = new Dictionary<string, Distribution>(_known.Distributions, StringComparer.Ordinal)
            {
                [name] = distribution,
            },
        };
    }

    private protected override bool FirstTime(string key) => _study.FirstTime(key);

    private double FromEnqueued(string name, object? given, Distribution distribution)
    {
        double value;
        try
        {
            value = distribution.ToInternal(given);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(
                $"The enqueued value of parameter '{name}' in trial {Number} cannot be used: {Errors.MessageOf(e)}",
                name,
                e);
        }

        if (!distribution.Contains(value))
        {
            Log.EnqueuedValueOutside(Logger, name, Number, given, distribution);
        }

        return value;
    }

    /// <summary>Returns the values a trial must use: the enqueued ones, and those of a waiting trial that was
    /// added with parameters.</summary>
    private static IReadOnlyDictionary<string, object?>? FixedParams(FrozenTrial running)
    {
        var enqueued = running.SystemAttributes.TryGetValue(FixedParamsKey, out object? stored)
            ? stored as IReadOnlyDictionary<string, object?>
            : null;
        if (running.Params.Count == 0)
        {
            return enqueued;
        }

        var merged = new Dictionary<string, object?>(running.Params, StringComparer.Ordinal);
        foreach (var (name, value) in enqueued ?? new Dictionary<string, object?>())
        {
            merged.TryAdd(name, value);
        }

        return merged;
    }

    private static object? SingleValue(Distribution distribution) => distribution switch
    {
        FloatDistribution f => f.Low,
        IntDistribution i => i.Low,
        CategoricalDistribution c => c.Choices[0],
        _ => throw new ArgumentException("Unknown distribution.", nameof(distribution)),
    };
}
