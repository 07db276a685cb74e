namespace Hone.Storages;

/// <summary>Holds the studies and trials of a storage in memory and applies each change after checking it against
/// the storage contract. <see cref="InMemoryStorage"/> keeps its data here; <see cref="JournalStorage"/> rebuilds
/// one by replaying its log.</summary>
/// <remarks>
/// Not thread-safe: the owning storage holds its lock around every call. A change either throws before it touches
/// anything or is applied whole. Identifiers come from counters in the order the changes arrive, so replaying the
/// same changes in the same order gives every process the same identifiers and numbers. Attribute values must be
/// normalised already (see <see cref="Internal.AttributeValue"/>).
/// </remarks>
internal sealed partial class StorageState
{
    private readonly Dictionary<long, StudyRecord> _studies = [];
    private readonly Dictionary<string, long> _studyIds = new(StringComparer.Ordinal);
    private readonly Dictionary<long, TrialRecord> _trials = [];
    private long _nextStudyId;
    private long _nextTrialId;

    public long CreateStudy(string name, StudyDirection[] directions)
    {
        if (_studyIds.ContainsKey(name))
        {
            throw new DuplicateStudyException(
                $"A study named '{name}' already exists; set LoadIfExists = true to continue it, or pick "
                + "another name.");
        }

        long id = _nextStudyId++;
        _studies[id] = new StudyRecord(name, directions);
        _studyIds[name] = id;
        return id;
    }

    public long? FindStudyId(string name) => _studyIds.TryGetValue(name, out long id) ? id : null;

    public void DeleteStudy(long studyId)
    {
        var study = Study(studyId);
        foreach (var trial in study.Trials)
        {
            _trials.Remove(trial.Id);
        }

        _studies.Remove(studyId);
        _studyIds.Remove(study.Name);
    }

    public string GetStudyName(long studyId) => Study(studyId).Name;

    public IReadOnlyList<StudyDirection> GetStudyDirections(long studyId) => Study(studyId).Directions;

    public IReadOnlyList<StudySummary> GetAllStudies() =>
        [.. _studies.OrderBy(p => p.Key).Select(p => new StudySummary(
            p.Key, p.Value.Name, p.Value.Directions, p.Value.Trials.Count, p.Value.Best?.Snapshot()))];

    public void SetStudyAttribute(long studyId, string key, object? normalized, bool system)
    {
        var study = Study(studyId);
        (system ? study.SystemAttributes : study.UserAttributes)[key] = normalized;
    }

    public IReadOnlyDictionary<string, object?> GetStudyAttributes(long studyId, bool system)
    {
        var study = Study(studyId);
        return new Dictionary<string, object?>(system ? study.SystemAttributes : study.UserAttributes);
    }

    public FrozenTrial GetTrial(long trialId) => Trial(trialId).Snapshot();

    public IReadOnlyList<FrozenTrial> GetAllTrials(long studyId, IReadOnlyCollection<TrialState>? states)
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

    public FrozenTrial? FindBestTrial(long studyId)
    {
        var study = Study(studyId);
        if (study.Directions.Length != 1)
        {
            throw new InvalidOperationException(
                $"Study '{study.Name}' has {study.Directions.Length} objectives, so it has no single best trial.");
        }

        return study.Best?.Snapshot();
    }

    private StudyRecord Study(long studyId) => _studies.TryGetValue(studyId, out var study)
        ? study
        : throw new StudyNotFoundException($"No study with id {studyId} exists in this storage; it may have been "
            + "deleted.");

    private TrialRecord Trial(long trialId) => _trials.TryGetValue(trialId, out var trial)
        ? trial
        : throw new KeyNotFoundException($"No trial with id {trialId} exists in this storage.");
}
