using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using Hone.Distributions;
using Hone.Internal;
using Hone.Storages;
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

    // Parameters suggested but not yet written, oldest first, with the timer that writes them and the error of a
    // write the timer made, kept for the trial's next synchronous operation. Guarded by _gate; _writing is held
    // across a write so that writes happen one at a time and in suggestion order.
    private readonly Lock _gate = new();
    private readonly Lock _writing = new();
    private readonly List<TrialParameter> _pending = [];
    private ITimer? _writeTimer;
    private ExceptionDispatchInfo? _writeError;
    private bool _finished;

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

    /// <summary>Gets the trial as this object knows it: the snapshot it started from and the parameters it set
    /// since, without what others wrote to it (attributes, intermediate values, a state).</summary>
    internal FrozenTrial Known => _known;

    /// <summary>Gets a value indicating whether the trial was finished through this object's study.</summary>
    internal bool IsFinished
    {
        get
        {
            lock (_gate)
            {
                return _finished;
            }
        }
    }

    private protected override ILogger Logger => _study.Logger;

    public override void Report(double value, int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (_study.PruningObjective is null)
        {
            throw new InvalidOperationException(
                $"Trial {Number} cannot report a value. " + _study.NoPruningObjectiveMessage("intermediate values"));
        }

        // Before the step is taken as reported: a pending write that fails leaves the report to be made again.
        WriteParameters();
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
        WriteParameters();
        _study.Storage.SetTrialUserAttribute(TrialId, key, value);
    }

    internal FrozenTrial Snapshot()
    {
        WriteParameters();
        return _study.Storage.GetTrial(TrialId);
    }

    /// <summary>Writes the parameters suggested since the last write, after rethrowing the error of a write the
    /// timer made, if any (those parameters are still pending then, and the next write tries them again).</summary>
    internal void WriteParameters()
    {
        lock (_writing)
        {
            ExceptionDispatchInfo? error;
            lock (_gate)
            {
                error = _writeError;
                _writeError = null;
                StopTimer();
            }

            error?.Throw();
            WritePending();
        }
    }

    /// <summary>Writes the pending parameters from a background thread (a heartbeat); an error is kept for the
    /// trial's next synchronous operation.</summary>
    internal void WriteInBackground() => WriteOnTimer(null);

    /// <summary>Writes the pending parameters of a trial that is being failed anyway, as far as the storage takes
    /// them.</summary>
    internal void TryWriteParameters()
    {
        try
        {
            WriteParameters();
        }
        catch (HoneException)
        {
            // The trial fails for another reason, which the caller reports; its parameters are a courtesy.
        }
    }

    /// <summary>Marks the trial finished for this object: later suggestions write at once, so that the storage
    /// refuses them as it refuses any change to a finished trial.</summary>
    internal void MarkFinished()
    {
        lock (_gate)
        {
            _finished = true;
            StopTimer();
        }
    }

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
        // Throws, as a storage would, when the value is not one the distribution can give.
        object? external = distribution.ToExternal(internalValue);
        if (_study.ParameterWriteDelay == TimeSpan.Zero)
        {
            _study.Storage.SetTrialParameter(TrialId, name, internalValue, distribution);
        }
        else if (Buffer(name, internalValue, distribution))
        {
            try
            {
                WriteParameters();
            }
            catch
            {
                // The suggestion fails, so its parameter must not be written later either.
                lock (_gate)
                {
                    int index = _pending.FindLastIndex(p => p.Name == name);
                    if (index >= 0)
                    {
                        _pending.RemoveAt(index);
                    }
                }

                throw;
            }

            _study.AcceptDistribution(name, distribution);
        }

        _known = _known with
        {
            Params = new Dictionary<string, object?>(_known.Params, StringComparer.Ordinal)
            {
                [name] = external,
            },
            Distributions = new Dictionary<string, Distribution>(_known.Distributions, StringComparer.Ordinal)
            {
                [name] = distribution,
            },
        };
    }

    private protected override bool FirstTime(string key) => _study.FirstTime(key);

    /// <summary>Adds a parameter to the pending ones and tells whether they must be written now: once the trial is
    /// finished, and for a name this study handle has not written yet, whose conflicts
    /// with other trials only the storage knows. A name it knows is checked here, so that a conflict still throws
    /// from the suggestion.</summary>
    /// <exception cref="IncompatibleDistributionException">The name was written in this study with a conflicting
    /// distribution.</exception>
    private bool Buffer(string name, double internalValue, Distribution distribution)
    {
        var accepted = _study.AcceptedDistribution(name);
        if (accepted?.FindIncompatibility(distribution) is { } reason)
        {
            throw new IncompatibleDistributionException(
                $"Parameter '{name}' conflicts with its earlier use in study '{_study.Name}': {reason}. Within a "
                + "study a name keeps its kind, log flag and categorical choices (only a numeric range may change); "
                + "use a new name for the new distribution.");
        }

        lock (_gate)
        {
            _pending.Add(new TrialParameter(name, internalValue, distribution));
            if (accepted is null || _finished)
            {
                return true;
            }

            _writeTimer ??= _study.Time.CreateTimer(
                WriteOnTimer, null, _study.ParameterWriteDelay, Timeout.InfiniteTimeSpan);
            return false;
        }
    }

    /// <summary>Writes the pending parameters in one call; the caller holds <see cref="_writing"/>. When the write
    /// throws they stay pending.</summary>
    private void WritePending()
    {
        TrialParameter[] batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = [.. _pending];
        }

        if (batch.Length == 1)
        {
            _study.Storage.SetTrialParameter(TrialId, batch[0].Name, batch[0].InternalValue, batch[0].Distribution);
        }
        else
        {
            _study.Storage.SetTrialParameters(TrialId, batch);
        }

        lock (_gate)
        {
            _pending.RemoveRange(0, batch.Length);
        }
    }

    // NOTE(hone): the timer runs on a pool thread, where an escaping exception would end the process; the error is
    // kept instead and thrown by the trial's next synchronous operation (Report, Tell, ...), which the objective's
    // thread makes.
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Timer thread.")]
    private void WriteOnTimer(object? state)
    {
        lock (_writing)
        {
            lock (_gate)
            {
                StopTimer();
            }

            try
            {
                WritePending();
            }
            catch (Exception e)
            {
                lock (_gate)
                {
                    _writeError ??= ExceptionDispatchInfo.Capture(e);
                }
            }
        }
    }

    /// <summary>Disposes the write timer; the caller holds <see cref="_gate"/>.</summary>
    private void StopTimer()
    {
        _writeTimer?.Dispose();
        _writeTimer = null;
    }

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
