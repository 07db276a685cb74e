using System.Collections.Concurrent;
using Hone.Distributions;

namespace Hone.Storages;

/// <summary>Keeps the finished trials of another storage in memory, so that reading a study's trials asks the
/// storage only for the trials that may have changed since the last read.</summary>
/// <remarks>
/// <para>
/// A finished trial never changes, so once read it is served from memory. Per study the cache knows the longest run
/// of finished trials from number 0 (its prefix); a read of the study's trials fetches only the trials numbered from
/// the end of that prefix on (<see cref="TrialStorage.GetTrialsFrom"/>), which is what other workers may have
/// created or finished meanwhile, and extends the prefix with those now finished. A study of 100,000 finished
/// trials thus costs one small query per read instead of 100,000 rows. A trial that stays running for long (a
/// crashed worker's, until a heartbeat sweep fails it) holds the prefix back, and the trials after it are read
/// again until it finishes.
/// </para>
/// <para>Writes go straight to the wrapped storage. Thread-safe; the wrapped storage is disposed with the cache.
/// </para>
/// </remarks>
public sealed class CachedStorage : TrialStorage
{
    private readonly TrialStorage _inner;
    private readonly ConcurrentDictionary<long, StudyCache> _studies = new();

    /// <summary>Creates a cache in front of a storage.</summary>
    /// <param name="inner">The storage that keeps the trials.</param>
    public CachedStorage(TrialStorage inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <summary>Gets the storage the cache wraps.</summary>
    public TrialStorage Inner => _inner;

    /// <inheritdoc />
    public override long CreateStudy(string name, IReadOnlyList<StudyDirection> directions) =>
        _inner.CreateStudy(name, directions);

    /// <inheritdoc />
    public override long? FindStudyId(string name) => _inner.FindStudyId(name);

    /// <inheritdoc />
    public override void DeleteStudy(long studyId)
    {
        _inner.DeleteStudy(studyId);
        _studies.TryRemove(studyId, out _);
    }

    /// <inheritdoc />
    public override string GetStudyName(long studyId) => _inner.GetStudyName(studyId);

    /// <inheritdoc />
    public override IReadOnlyList<StudyDirection> GetStudyDirections(long studyId) =>
        _inner.GetStudyDirections(studyId);

    /// <inheritdoc />
    public override IReadOnlyList<StudySummary> GetAllStudies() => _inner.GetAllStudies();

    /// <inheritdoc />
    public override void SetStudyUserAttribute(long studyId, string key, object? value) =>
        _inner.SetStudyUserAttribute(studyId, key, value);

    /// <inheritdoc />
    public override void SetStudySystemAttribute(long studyId, string key, object? value) =>
        _inner.SetStudySystemAttribute(studyId, key, value);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetStudyUserAttributes(long studyId) =>
        _inner.GetStudyUserAttributes(studyId);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetStudySystemAttributes(long studyId) =>
        _inner.GetStudySystemAttributes(studyId);

    /// <inheritdoc />
    public override FrozenTrial CreateTrial(long studyId, FrozenTrial? template = null) =>
        _inner.CreateTrial(studyId, template);

    /// <inheritdoc />
    public override FrozenTrial? ClaimWaitingTrial(long studyId) => _inner.ClaimWaitingTrial(studyId);

    /// <inheritdoc />
    public override FrozenTrial StartTrial(long studyId) => _inner.StartTrial(studyId);

    /// <inheritdoc />
    public override void SetTrialParameter(
        long trialId, string name, double internalValue, Distribution distribution) =>
        _inner.SetTrialParameter(trialId, name, internalValue, distribution);

    /// <inheritdoc />
    public override void SetTrialParameters(long trialId, IReadOnlyList<TrialParameter> parameters) =>
        _inner.SetTrialParameters(trialId, parameters);

    /// <inheritdoc />
    public override FrozenTrial SetTrialState(long trialId, TrialState state, IReadOnlyList<double>? values = null) =>
        _inner.SetTrialState(trialId, state, values);

    /// <inheritdoc />
    public override void SetTrialIntermediateValue(long trialId, int step, double value) =>
        _inner.SetTrialIntermediateValue(trialId, step, value);

    /// <inheritdoc />
    public override void SetTrialUserAttribute(long trialId, string key, object? value) =>
        _inner.SetTrialUserAttribute(trialId, key, value);

    /// <inheritdoc />
    public override void SetTrialSystemAttribute(long trialId, string key, object? value) =>
        _inner.SetTrialSystemAttribute(trialId, key, value);

    /// <inheritdoc />
    public override FrozenTrial GetTrial(long trialId) => _inner.GetTrial(trialId);

    /// <inheritdoc />
    public override bool SupportsHeartbeats => _inner.SupportsHeartbeats;

    /// <inheritdoc />
    internal override bool WritesInProcess => _inner.WritesInProcess;

    /// <inheritdoc />
    public override void RecordHeartbeat(long trialId) => _inner.RecordHeartbeat(trialId);

    /// <inheritdoc />
    public override FrozenTrial StartTrialWithHeartbeat(long studyId) => _inner.StartTrialWithHeartbeat(studyId);

    /// <inheritdoc />
    public override IReadOnlyList<FrozenTrial> FailStaleTrials(long studyId, TimeSpan gracePeriod) =>
        _inner.FailStaleTrials(studyId, gracePeriod);

    /// <inheritdoc />
    public override IReadOnlyList<FrozenTrial> GetAllTrials(
        long studyId, IReadOnlyCollection<TrialState>? states = null)
    {
        var trials = _studies.GetOrAdd(studyId, _ => new StudyCache()).Read(_inner, studyId);
        return states is null ? trials : [.. trials.Where(t => states.Contains(t.State))];
    }

    /// <inheritdoc />
    public override IReadOnlyList<FrozenTrial> GetTrialsFrom(long studyId, int firstNumber)
    {
        var trials = GetAllTrials(studyId);
        return firstNumber <= 0 ? trials : [.. trials.Skip(firstNumber)];
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Holds one study's finished prefix: trials 0 to <c>Count − 1</c>, all finished.</summary>
    private sealed class StudyCache
    {
        private readonly Lock _lock = new();
        private FrozenTrial[] _prefix = new FrozenTrial[64];
        private int _count;

        public Joined Read(TrialStorage inner, long studyId)
        {
            int known;
            lock (_lock)
            {
                known = _count;
            }

            // Outside the lock: the query is the slow part, and two readers may run it at once; the prefix only
            // grows, and the later of two extensions simply finds less to add.
            var fresh = inner.GetTrialsFrom(studyId, known);
            lock (_lock)
            {
                Extend(fresh, known);

                // The prefix array is only appended to (a resize copies it), so its first `known` entries stay as
                // they are: the result can share it instead of copying it.
                return new Joined(_prefix, known, fresh);
            }
        }

        /// <summary>Appends to the prefix the finished trials that continue it.</summary>
        private void Extend(IReadOnlyList<FrozenTrial> fresh, int known)
        {
            for (int i = _count - known; i >= 0 && i < fresh.Count; i++)
            {
                var trial = fresh[i];
                if (trial.Number != _count || !trial.State.IsFinished())
                {
                    return;
                }

                if (_count == _prefix.Length)
                {
                    Array.Resize(ref _prefix, _prefix.Length * 2);
                }

                _prefix[_count++] = trial;
            }
        }
    }

    /// <summary>Lists a shared run of finished trials followed by freshly read ones, without copying either.</summary>
    private sealed class Joined(FrozenTrial[] prefix, int prefixCount, IReadOnlyList<FrozenTrial> rest)
        : IReadOnlyList<FrozenTrial>
    {
        public int Count => prefixCount + rest.Count;

        public FrozenTrial this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
                return index < prefixCount ? prefix[index] : rest[index - prefixCount];
            }
        }

        public IEnumerator<FrozenTrial> GetEnumerator()
        {
            for (int i = 0; i < prefixCount; i++)
            {
                yield return prefix[i];
            }

            foreach (var trial in rest)
            {
                yield return trial;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
