using Hone.Distributions;
using Hone.Storages;

namespace Hone.Tests.Support;

/// <summary>Passes every call to another storage; tests override what they want to watch or break.</summary>
internal class DelegatingStorage(TrialStorage inner) : TrialStorage
{
    public TrialStorage Inner { get; } = inner;

    public override long CreateStudy(string name, IReadOnlyList<StudyDirection> directions) =>
        Inner.CreateStudy(name, directions);

    public override long? FindStudyId(string name) => Inner.FindStudyId(name);

    public override void DeleteStudy(long studyId) => Inner.DeleteStudy(studyId);

    public override string GetStudyName(long studyId) => Inner.GetStudyName(studyId);

    public override IReadOnlyList<StudyDirection> GetStudyDirections(long studyId) =>
        Inner.GetStudyDirections(studyId);

    public override IReadOnlyList<StudySummary> GetAllStudies() => Inner.GetAllStudies();

    public override void SetStudyUserAttribute(long studyId, string key, object? value) =>
        Inner.SetStudyUserAttribute(studyId, key, value);

    public override void SetStudySystemAttribute(long studyId, string key, object? value) =>
        Inner.SetStudySystemAttribute(studyId, key, value);

    public override IReadOnlyDictionary<string, object?> GetStudyUserAttributes(long studyId) =>
        Inner.GetStudyUserAttributes(studyId);

    public override IReadOnlyDictionary<string, object?> GetStudySystemAttributes(long studyId) =>
        Inner.GetStudySystemAttributes(studyId);

    public override FrozenTrial CreateTrial(long studyId, FrozenTrial? template = null) =>
        Inner.CreateTrial(studyId, template);

    public override FrozenTrial? ClaimWaitingTrial(long studyId) => Inner.ClaimWaitingTrial(studyId);

    public override FrozenTrial StartTrial(long studyId) => Inner.StartTrial(studyId);

    public override void SetTrialParameter(
        long trialId, string name, double internalValue, Distribution distribution) =>
        Inner.SetTrialParameter(trialId, name, internalValue, distribution);

    public override FrozenTrial SetTrialState(long trialId, TrialState state, IReadOnlyList<double>? values = null) =>
        Inner.SetTrialState(trialId, state, values);

    public override void SetTrialIntermediateValue(long trialId, int step, double value) =>
        Inner.SetTrialIntermediateValue(trialId, step, value);

    public override void SetTrialUserAttribute(long trialId, string key, object? value) =>
        Inner.SetTrialUserAttribute(trialId, key, value);

    public override void SetTrialSystemAttribute(long trialId, string key, object? value) =>
        Inner.SetTrialSystemAttribute(trialId, key, value);

    public override FrozenTrial GetTrial(long trialId) => Inner.GetTrial(trialId);

    public override bool SupportsHeartbeats => Inner.SupportsHeartbeats;

    public override void RecordHeartbeat(long trialId) => Inner.RecordHeartbeat(trialId);

    public override FrozenTrial StartTrialWithHeartbeat(long studyId) => Inner.StartTrialWithHeartbeat(studyId);

    public override IReadOnlyList<FrozenTrial> FailStaleTrials(long studyId, TimeSpan gracePeriod) =>
        Inner.FailStaleTrials(studyId, gracePeriod);

    public override IReadOnlyList<FrozenTrial> GetAllTrials(
        long studyId, IReadOnlyCollection<TrialState>? states = null) => Inner.GetAllTrials(studyId, states);

    public override IReadOnlyList<FrozenTrial> GetTrialsFrom(long studyId, int firstNumber) =>
        Inner.GetTrialsFrom(studyId, firstNumber);
}
