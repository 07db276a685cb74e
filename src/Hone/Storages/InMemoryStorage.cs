using Hone.Internal;

namespace Hone.Storages;

/// <summary>Keeps studies in the memory of one process; the default storage when none is given.</summary>
/// <remarks>
/// Safe for many threads; one lock guards everything, and snapshots are built once per change and then shared.
/// Nothing survives the process: use a persistent storage to resume a study or to share it between processes.
/// </remarks>
public sealed partial class InMemoryStorage : TrialStorage
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<long, StudyRecord> _studies = [];
    private readonly Dictionary<string, long> _studyIds = new(StringComparer.Ordinal);
    private readonly Dictionary<long, TrialRecord> _trials = [];
    private long _nextStudyId;
    private long _nextTrialId;

    /// <summary>Creates an empty storage.</summary>
    /// <param name="timeProvider">The clock for trial timestamps; <see cref="TimeProvider.System"/> when
    /// <see langword="null"/>.</param>
    public InMemoryStorage(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public override long CreateStudy(string name, IReadOnlyList<StudyDirection> directions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(directions);
        lock (_lock)
        {
            if (_studyIds.ContainsKey(name))
            {
                throw new DuplicateStudyException(
                    $"A study named '{name}' already exists; set LoadIfExists = true to continue it, or pick "
                    + "another name.");
            }

            long id = _nextStudyId++;
            _studies[id] = new StudyRecord(name, [.. directions]);
            _studyIds[name] = id;
            return id;
        }
    }

    /// <inheritdoc />
    public override long? FindStudyId(string name)
    {
        lock (_lock)
        {
            return _studyIds.TryGetValue(name, out long id) ? id : null;
        }
    }

    /// <inheritdoc />
    public override void DeleteStudy(long studyId)
    {
        lock (_lock)
        {
            var study = Study(studyId);
            foreach (var trial in study.Trials)
            {
                _trials.Remove(trial.Id);
            }

            _studies.Remove(studyId);
            _studyIds.Remove(study.Name);
        }
    }

    /// <inheritdoc />
    public override string GetStudyName(long studyId)
    {
        lock (_lock)
        {
            return Study(studyId).Name;
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<StudyDirection> GetStudyDirections(long studyId)
    {
        lock (_lock)
        {
            return Study(studyId).Directions;
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<StudySummary> GetAllStudies()
    {
        lock (_lock)
        {
            return [.. _studies.OrderBy(p => p.Key).Select(p => new StudySummary(
                p.Key, p.Value.Name, p.Value.Directions, p.Value.Trials.Count, p.Value.Best?.Snapshot()))];
        }
    }

    /// <inheritdoc />
    public override void SetStudyUserAttribute(long studyId, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        object? normalized = AttributeValue.Normalize(value);
        lock (_lock)
        {
            Study(studyId).UserAttributes[key] = normalized;
        }
    }

    /// <inheritdoc />
    public override void SetStudySystemAttribute(long studyId, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        object? normalized = AttributeValue.Normalize(value);
        lock (_lock)
        {
            Study(studyId).SystemAttributes[key] = normalized;
        }
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetStudyUserAttributes(long studyId)
    {
        lock (_lock)
        {
            return new Dictionary<string, object?>(Study(studyId).UserAttributes);
        }
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetStudySystemAttributes(long studyId)
    {
        lock (_lock)
        {
            return new Dictionary<string, object?>(Study(studyId).SystemAttributes);
        }
    }

    /// <inheritdoc />
    public override FrozenTrial GetTrial(long trialId)
    {
        lock (_lock)
        {
            return Trial(trialId).Snapshot();
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<FrozenTrial> GetAllTrials(
        long studyId, IReadOnlyCollection<TrialState>? states = null)
    {
        lock (_lock)
        {
            var trials = Study(studyId).Trials;
            var result = new List<FrozenTrial>(trials.Count);
            foreach (var trial in trials)
            {
                if (states is null || states.Contains(trial.State))
                {
                    result.Add(trial.Snapshot());
                }
            }

            return result;
        }
    }

    /// <inheritdoc />
    public override FrozenTrial? FindBestTrial(long studyId)
    {
        lock (_lock)
        {
            var study = Study(studyId);
            if (study.Directions.Length != 1)
            {
                throw new InvalidOperationException(
                    $"Study '{study.Name}' has {study.Directions.Length} objectives, so it has no single best trial.");
            }

            return study.Best?.Snapshot();
        }
    }

    private StudyRecord Study(long studyId) => _studies.TryGetValue(studyId, out var study)
        ? study
        : throw new StudyNotFoundException($"No study with id {studyId} exists in this storage; it may have been "
            + "deleted.");

    private TrialRecord Trial(long trialId) => _trials.TryGetValue(trialId, out var trial)
        ? trial
        : throw new KeyNotFoundException($"No trial with id {trialId} exists in this storage.");
}
