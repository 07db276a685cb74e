using System.Diagnostics;
using Hone.Distributions;
using Hone.Storages;

namespace Hone.Benchmarks.Storage;

/// <summary>Passes every call on to the storage users open, counting the calls of each kind and the time they
/// took, so that a worker can say where its trials' time went. It costs a timestamp per call.</summary>
internal sealed class TimedStorage(TrialStorage inner) : TrialStorage
{
    private readonly Dictionary<string, (int Calls, long Ticks)> _calls = [];

    /// <summary>Returns the calls of each kind and their total seconds since the last reset.</summary>
    public Dictionary<string, object> Snapshot()
    {
        lock (_calls)
        {
            return _calls.ToDictionary(c => c.Key, c => (object)new Dictionary<string, object>
            {
                ["calls"] = c.Value.Calls,
                ["seconds"] = (double)c.Value.Ticks / Stopwatch.Frequency,
            });
        }
    }

    /// <summary>Forgets the calls counted so far.</summary>
    public void Reset()
    {
        lock (_calls)
        {
            _calls.Clear();
        }
    }

    public override long CreateStudy(string name, IReadOnlyList<StudyDirection> directions) =>
        Time(nameof(CreateStudy), () => inner.CreateStudy(name, directions));

    public override long? FindStudyId(string name) => Time(nameof(FindStudyId), () => inner.FindStudyId(name));

    public override void DeleteStudy(long studyId) => Time(nameof(DeleteStudy), () => inner.DeleteStudy(studyId));

    public override string GetStudyName(long studyId) =>
        Time(nameof(GetStudyName), () => inner.GetStudyName(studyId));

    public override IReadOnlyList<StudyDirection> GetStudyDirections(long studyId) =>
        Time(nameof(GetStudyDirections), () => inner.GetStudyDirections(studyId));

    public override IReadOnlyList<StudySummary> GetAllStudies() => Time(nameof(GetAllStudies), inner.GetAllStudies);

    public override void SetStudyUserAttribute(long studyId, string key, object? value) =>
        Time(nameof(SetStudyUserAttribute), () => inner.SetStudyUserAttribute(studyId, key, value));

    public override void SetStudySystemAttribute(long studyId, string key, object? value) =>
        Time(nameof(SetStudySystemAttribute), () => inner.SetStudySystemAttribute(studyId, key, value));

    public override IReadOnlyDictionary<string, object?> GetStudyUserAttributes(long studyId) =>
        Time(nameof(GetStudyUserAttributes), () => inner.GetStudyUserAttributes(studyId));

    public override IReadOnlyDictionary<string, object?> GetStudySystemAttributes(long studyId) =>
        Time(nameof(GetStudySystemAttributes), () => inner.GetStudySystemAttributes(studyId));

    public override FrozenTrial CreateTrial(long studyId, FrozenTrial? template = null) =>
        Time(nameof(CreateTrial), () => inner.CreateTrial(studyId, template));

    public override FrozenTrial? ClaimWaitingTrial(long studyId) =>
        Time(nameof(ClaimWaitingTrial), () => inner.ClaimWaitingTrial(studyId));

    public override void SetTrialParameter(
        long trialId, string name, double internalValue, Distribution distribution) =>
        Time(nameof(SetTrialParameter), () => inner.SetTrialParameter(trialId, name, internalValue, distribution));

    public override void SetTrialParameters(long trialId, IReadOnlyList<TrialParameter> parameters) =>
        Time(nameof(SetTrialParameters), () => inner.SetTrialParameters(trialId, parameters));

    public override FrozenTrial SetTrialState(long trialId, TrialState state, IReadOnlyList<double>? values = null) =>
        Time(nameof(SetTrialState), () => inner.SetTrialState(trialId, state, values));

    public override void SetTrialIntermediateValue(long trialId, int step, double value) =>
        Time(nameof(SetTrialIntermediateValue), () => inner.SetTrialIntermediateValue(trialId, step, value));

    public override void SetTrialUserAttribute(long trialId, string key, object? value) =>
        Time(nameof(SetTrialUserAttribute), () => inner.SetTrialUserAttribute(trialId, key, value));

    public override void SetTrialSystemAttribute(long trialId, string key, object? value) =>
        Time(nameof(SetTrialSystemAttribute), () => inner.SetTrialSystemAttribute(trialId, key, value));

    public override FrozenTrial GetTrial(long trialId) => Time(nameof(GetTrial), () => inner.GetTrial(trialId));

    public override IReadOnlyList<FrozenTrial> GetAllTrials(
        long studyId, IReadOnlyCollection<TrialState>? states = null) =>
        Time(nameof(GetAllTrials), () => inner.GetAllTrials(studyId, states));

    public override IReadOnlyList<FrozenTrial> GetTrialsFrom(long studyId, int firstNumber) =>
        Time(nameof(GetTrialsFrom), () => inner.GetTrialsFrom(studyId, firstNumber));

    public override bool SupportsHeartbeats => inner.SupportsHeartbeats;

    public override void RecordHeartbeat(long trialId) =>
        Time(nameof(RecordHeartbeat), () => inner.RecordHeartbeat(trialId));

    public override FrozenTrial StartTrial(long studyId) => Time(nameof(StartTrial), () => inner.StartTrial(studyId));

    public override FrozenTrial StartTrialWithHeartbeat(long studyId) =>
        Time(nameof(StartTrialWithHeartbeat), () => inner.StartTrialWithHeartbeat(studyId));

    public override IReadOnlyList<FrozenTrial> FailStaleTrials(long studyId, TimeSpan gracePeriod) =>
        Time(nameof(FailStaleTrials), () => inner.FailStaleTrials(studyId, gracePeriod));

    public override FrozenTrial? FindBestTrial(long studyId) =>
        Time(nameof(FindBestTrial), () => inner.FindBestTrial(studyId));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Time(string name, Action call) => Time(name, () =>
    {
        call();
        return 0;
    });

    private T Time<T>(string name, Func<T> call)
    {
        long begin = Stopwatch.GetTimestamp();
        try
        {
            return call();
        }
        finally
        {
            long ticks = Stopwatch.GetTimestamp() - begin;
            lock (_calls)
            {
                var (calls, total) = _calls.GetValueOrDefault(name);
                _calls[name] = (calls + 1, total + ticks);
            }
        }
    }
}
