using Hone.Distributions;
using Hone.Internal;

namespace Hone.Storages;

/// <summary>Keeps studies in the memory of one process; the default storage when none is given.</summary>
/// <remarks>
/// Safe for many threads; one lock guards everything, and snapshots are built once per change and then shared.
/// Nothing survives the process: use a persistent storage such as <see cref="JournalStorage"/> to resume a study or
/// to share it between processes.
/// </remarks>
public sealed class InMemoryStorage : TrialStorage
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly StorageState _state = new();

    /// <summary>Creates an empty storage.</summary>
    /// <param name="timeProvider">The clock for trial timestamps; <see cref="TimeProvider.System"/> when
    /// <see langword="null"/>.</param>
    public InMemoryStorage(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    /// <remarks>Heartbeats are of little use within one process, but they behave as in the shared storages, which
    /// lets tests drive them with a fake clock.</remarks>
    public override bool SupportsHeartbeats => true;

    /// <inheritdoc />
    internal override bool WritesInProcess => true;

    /// <inheritdoc />
    public override void RecordHeartbeat(long trialId)
    {
        lock (_lock)
        {
            _state.RecordHeartbeat(trialId, _time.GetUtcNow());
        }
    }

    /// <inheritdoc />
    public override FrozenTrial StartTrialWithHeartbeat(long studyId) => StartTrial(studyId, heartbeat: true);

    /// <inheritdoc />
    public override FrozenTrial StartTrial(long studyId) => StartTrial(studyId, heartbeat: false);

    private FrozenTrial StartTrial(long studyId, bool heartbeat)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var trial = _state.FindWaitingTrial(studyId) is { } waiting
                ? _state.ClaimTrial(waiting, now)
                : _state.CreateTrial(studyId, null, now);
            if (heartbeat)
            {
                _state.RecordHeartbeat(trial.TrialId, now);
            }

            return trial;
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<FrozenTrial> FailStaleTrials(long studyId, TimeSpan gracePeriod)
    {
        lock (_lock)
        {
            return _state.FailStaleTrials(studyId, _time.GetUtcNow(), gracePeriod);
        }
    }

    /// <inheritdoc />
    public override long CreateStudy(string name, IReadOnlyList<StudyDirection> directions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(directions);
        lock (_lock)
        {
            return _state.CreateStudy(name, [.. directions]);
        }
    }

    /// <inheritdoc />
    public override long? FindStudyId(string name)
    {
        lock (_lock)
        {
            return _state.FindStudyId(name);
        }
    }

    /// <inheritdoc />
    public override void DeleteStudy(long studyId)
    {
        lock (_lock)
        {
            _state.DeleteStudy(studyId);
        }
    }

    /// <inheritdoc />
    public override string GetStudyName(long studyId)
    {
        lock (_lock)
        {
            return _state.GetStudyName(studyId);
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<StudyDirection> GetStudyDirections(long studyId)
    {
        lock (_lock)
        {
            return _state.GetStudyDirections(studyId);
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<StudySummary> GetAllStudies()
    {
        lock (_lock)
        {
            return _state.GetAllStudies();
        }
    }

    /// <inheritdoc />
    public override void SetStudyUserAttribute(long studyId, string key, object? value) =>
        SetStudyAttribute(studyId, key, value, system: false);

    /// <inheritdoc />
    public override void SetStudySystemAttribute(long studyId, string key, object? value) =>
        SetStudyAttribute(studyId, key, value, system: true);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetStudyUserAttributes(long studyId)
    {
        lock (_lock)
        {
            return _state.GetStudyAttributes(studyId, system: false);
        }
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetStudySystemAttributes(long studyId)
    {
        lock (_lock)
        {
            return _state.GetStudyAttributes(studyId, system: true);
        }
    }

    /// <inheritdoc />
    public override FrozenTrial CreateTrial(long studyId, FrozenTrial? template = null)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            return _state.CreateTrial(studyId, template, now);
        }
    }

    /// <inheritdoc />
    public override FrozenTrial? ClaimWaitingTrial(long studyId)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            return _state.FindWaitingTrial(studyId) is { } trialId ? _state.ClaimTrial(trialId, now) : null;
        }
    }

    /// <inheritdoc />
    public override void SetTrialParameter(long trialId, string name, double internalValue, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(distribution);
        object? external = distribution.ToExternal(internalValue);
        lock (_lock)
        {
            _state.SetTrialParameter(trialId, name, external, distribution);
        }
    }

    /// <inheritdoc />
    public override void SetTrialParameters(long trialId, IReadOnlyList<TrialParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var externals = new object?[parameters.Count];
        for (int i = 0; i < parameters.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(parameters[i].Name, nameof(parameters));
            ArgumentNullException.ThrowIfNull(parameters[i].Distribution, nameof(parameters));
            externals[i] = parameters[i].Distribution.ToExternal(parameters[i].InternalValue);
        }

        lock (_lock)
        {
            for (int i = 0; i < parameters.Count; i++)
            {
                _state.SetTrialParameter(trialId, parameters[i].Name, externals[i], parameters[i].Distribution);
            }
        }
    }

    /// <inheritdoc />
    public override FrozenTrial SetTrialState(long trialId, TrialState state, IReadOnlyList<double>? values = null)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            return _state.SetTrialState(trialId, state, values, now);
        }
    }

    /// <inheritdoc />
    public override void SetTrialIntermediateValue(long trialId, int step, double value)
    {
        lock (_lock)
        {
            _state.SetTrialIntermediateValue(trialId, step, value);
        }
    }

    /// <inheritdoc />
    public override void SetTrialUserAttribute(long trialId, string key, object? value) =>
        SetTrialAttribute(trialId, key, value, system: false);

    /// <inheritdoc />
    public override void SetTrialSystemAttribute(long trialId, string key, object? value) =>
        SetTrialAttribute(trialId, key, value, system: true);

    /// <inheritdoc />
    public override FrozenTrial GetTrial(long trialId)
    {
        lock (_lock)
        {
            return _state.GetTrial(trialId);
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<FrozenTrial> GetAllTrials(
        long studyId, IReadOnlyCollection<TrialState>? states = null)
    {
        lock (_lock)
        {
            return _state.GetAllTrials(studyId, states);
        }
    }

    /// <inheritdoc />
    public override FrozenTrial? FindBestTrial(long studyId)
    {
        lock (_lock)
        {
            return _state.FindBestTrial(studyId);
        }
    }

    private void SetStudyAttribute(long studyId, string key, object? value, bool system)
    {
        ArgumentNullException.ThrowIfNull(key);
        object? normalized = AttributeValue.Normalize(value);
        lock (_lock)
        {
            _state.SetStudyAttribute(studyId, key, normalized, system);
        }
    }

    private void SetTrialAttribute(long trialId, string key, object? value, bool system)
    {
        ArgumentNullException.ThrowIfNull(key);
        object? normalized = AttributeValue.Normalize(value);
        lock (_lock)
        {
            _state.SetTrialAttribute(trialId, key, normalized, system);
        }
    }
}
