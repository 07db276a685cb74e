using Hone.Distributions;
using Hone.Internal;

namespace Hone.Storages;

public sealed partial class JournalStorage
{
    /// <inheritdoc />
    public override long CreateStudy(string name, IReadOnlyList<StudyDirection> directions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(directions);
        return (long)Commit(() => JournalRecords.CreateStudy(name, directions))!;
    }

    /// <inheritdoc />
    public override void DeleteStudy(long studyId) => Commit(() => JournalRecords.DeleteStudy(studyId));

    /// <inheritdoc />
    public override void SetStudyUserAttribute(long studyId, string key, object? value) =>
        SetStudyAttribute(studyId, key, value, system: false);

    /// <inheritdoc />
    public override void SetStudySystemAttribute(long studyId, string key, object? value) =>
        SetStudyAttribute(studyId, key, value, system: true);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A template parameter has no value, or a value its distribution cannot
    /// represent.</exception>
    public override FrozenTrial CreateTrial(long studyId, FrozenTrial? template = null) =>
        (FrozenTrial)Commit(() => JournalRecords.CreateTrial(studyId, template, _time.GetUtcNow()))!;

    /// <inheritdoc />
    public override FrozenTrial? ClaimWaitingTrial(long studyId)
    {
        // Most trials start with nothing queued: answering from a read spares the lock. The answer is what the
        // journal held at the moment of the read, as if the claim had happened then.
        if (Read(state => state.FindWaitingTrial(studyId)) is null)
        {
            return null;
        }

        return (FrozenTrial?)Commit(() => _state.FindWaitingTrial(studyId) is { } trialId
            ? JournalRecords.ClaimTrial(trialId, _time.GetUtcNow())
            : null);
    }

    /// <inheritdoc />
    /// <remarks>One record under one lock, whether it claims a waiting trial or creates one.</remarks>
    public override FrozenTrial StartTrial(long studyId) => StartTrial(studyId, heartbeat: false);

    private FrozenTrial StartTrial(long studyId, bool heartbeat) => (FrozenTrial)Commit(() =>
    {
        var now = _time.GetUtcNow();
        return _state.FindWaitingTrial(studyId) is { } trialId
            ? JournalRecords.ClaimTrial(trialId, now, heartbeat)
            : JournalRecords.CreateTrial(studyId, null, now, heartbeat);
    })!;

    /// <inheritdoc />
    /// <remarks>Heartbeats are lines of the journal, stamped with the writer's clock: workers on several machines
    /// sharing a journal on a network file system need synchronised clocks (NTP), and the log grows by one line per
    /// running trial and interval.</remarks>
    public override bool SupportsHeartbeats => true;

    /// <inheritdoc />
    public override void RecordHeartbeat(long trialId) =>
        Commit(() => JournalRecords.Heartbeat(trialId, _time.GetUtcNow()));

    /// <inheritdoc />
    public override FrozenTrial StartTrialWithHeartbeat(long studyId) => StartTrial(studyId, heartbeat: true);

    /// <inheritdoc />
    public override IReadOnlyList<FrozenTrial> FailStaleTrials(long studyId, TimeSpan gracePeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gracePeriod, TimeSpan.Zero);

        // A sweep that finds nothing writes nothing: every trial start sweeps, and the log must not grow with that.
        var now = _time.GetUtcNow();
        if (!Read(state => state.HasStaleTrials(studyId, now, gracePeriod)))
        {
            return [];
        }

        return (IReadOnlyList<FrozenTrial>?)Commit(() =>
        {
            var at = _time.GetUtcNow();
            return _state.HasStaleTrials(studyId, at, gracePeriod)
                ? JournalRecords.FailStaleTrials(studyId, at, gracePeriod)
                : null;
        }) ?? [];
    }

    /// <inheritdoc />
    public override void SetTrialParameter(long trialId, string name, double internalValue, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(distribution);
        Commit(() => JournalRecords.SetTrialParameter(trialId, name, internalValue, distribution));
    }

    /// <inheritdoc />
    public override FrozenTrial SetTrialState(long trialId, TrialState state, IReadOnlyList<double>? values = null) =>
        (FrozenTrial)Commit(() => JournalRecords.SetTrialState(trialId, state, values, _time.GetUtcNow()))!;

    /// <inheritdoc />
    public override void SetTrialIntermediateValue(long trialId, int step, double value) =>
        Commit(() => JournalRecords.SetTrialIntermediateValue(trialId, step, value));

    /// <inheritdoc />
    public override void SetTrialUserAttribute(long trialId, string key, object? value) =>
        SetTrialAttribute(trialId, key, value, system: false);

    /// <inheritdoc />
    public override void SetTrialSystemAttribute(long trialId, string key, object? value) =>
        SetTrialAttribute(trialId, key, value, system: true);

    private void SetStudyAttribute(long studyId, string key, object? value, bool system)
    {
        ArgumentNullException.ThrowIfNull(key);
        object? normalized = AttributeValue.Normalize(value);
        Commit(() => JournalRecords.SetStudyAttribute(studyId, key, normalized, system));
    }

    private void SetTrialAttribute(long trialId, string key, object? value, bool system)
    {
        ArgumentNullException.ThrowIfNull(key);
        object? normalized = AttributeValue.Normalize(value);
        Commit(() => JournalRecords.SetTrialAttribute(trialId, key, normalized, system));
    }
}
