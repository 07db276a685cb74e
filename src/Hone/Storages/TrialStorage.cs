using Hone.Distributions;
using Hone.Internal;

namespace Hone.Storages;

/// <summary>Keeps studies and their trials; the one contract every backend implements.</summary>
/// <remarks>
/// <para>
/// The contract is synchronous on purpose: <see cref="Trial.SuggestFloat"/> and its siblings are called from
/// ordinary user code and write through to the storage, so they cannot await. Backends use their driver's real
/// synchronous calls, never a blocking wait on an asynchronous one.
/// </para>
/// <para>
/// Every member is safe to call from many threads at once, and from many processes where the backend allows it.
/// Snapshots (<see cref="FrozenTrial"/> and the collections in it) never change once returned. A finished trial
/// never changes: updating one throws <see cref="FinishedTrialUpdateException"/>. Trial numbers within a study are
/// 0, 1, 2, … with no gap and no duplicate, whatever the number of workers. Within a study a parameter name keeps
/// its kind of distribution, its log flag and its categorical choices; a plain range change is allowed.
/// </para>
/// <para>
/// Attribute values are kept in a canonical JSON-shaped form (integers as <see cref="long"/>, other numbers as
/// <see cref="double"/>, lists and string-keyed dictionaries), so a study reads back the same from every backend.
/// </para>
/// </remarks>
public abstract class TrialStorage : IDisposable
{
    /// <summary>Creates a study.</summary>
    /// <param name="name">The study's name, unique in the storage.</param>
    /// <param name="directions">One direction per objective.</param>
    /// <returns>The new study's identifier.</returns>
    /// <exception cref="DuplicateStudyException">A study with this name exists.</exception>
    public abstract long CreateStudy(string name, IReadOnlyList<StudyDirection> directions);

    /// <summary>Looks a study up by name.</summary>
    /// <param name="name">The study's name.</param>
    /// <returns>The study's identifier, or <see langword="null"/> when there is no such study.</returns>
    public abstract long? FindStudyId(string name);

    /// <summary>Looks a study up by name and throws when it is missing.</summary>
    /// <param name="name">The study's name.</param>
    /// <returns>The study's identifier.</returns>
    /// <exception cref="StudyNotFoundException">There is no such study.</exception>
    public long GetStudyId(string name) => FindStudyId(name) ?? throw new StudyNotFoundException(
        $"No study named '{name}' exists in this storage; create it with Study.Create, or check the name.");

    /// <summary>Deletes a study and all its trials.</summary>
    /// <param name="studyId">The study's identifier.</param>
    /// <exception cref="StudyNotFoundException">There is no such study.</exception>
    public abstract void DeleteStudy(long studyId);

    /// <summary>Returns the study's name.</summary>
    /// <param name="studyId">The study's identifier.</param>
    /// <returns>The name.</returns>
    /// <exception cref="StudyNotFoundException">There is no such study.</exception>
    public abstract string GetStudyName(long studyId);

    /// <summary>Returns the study's directions, one per objective.</summary>
    /// <param name="studyId">The study's identifier.</param>
    /// <returns>The directions.</returns>
    /// <exception cref="StudyNotFoundException">There is no such study.</exception>
    public abstract IReadOnlyList<StudyDirection> GetStudyDirections(long studyId);

    /// <summary>Lists every study in the storage.</summary>
    /// <returns>One summary per study.</returns>
    public abstract IReadOnlyList<StudySummary> GetAllStudies();

    /// <summary>Sets a user attribute of a study.</summary>
    /// <param name="studyId">The study's identifier.</param>
    /// <param name="key">The attribute's name.</param>
    /// <param name="value">A JSON-serialisable value.</param>
    public abstract void SetStudyUserAttribute(long studyId, string key, object? value);

    /// <summary>Sets a system attribute of a study.</summary>
    /// <param name="studyId">The study's identifier.</param>
    /// <param name="key">The attribute's name.</param>
    /// <param name="value">A JSON-serialisable value.</param>
    public abstract void SetStudySystemAttribute(long studyId, string key, object? value);

    /// <summary>Returns the user attributes of a study.</summary>
    /// <param name="studyId">The study's identifier.</param>
    /// <returns>A snapshot of the attributes.</returns>
    public abstract IReadOnlyDictionary<string, object?> GetStudyUserAttributes(long studyId);

    /// <summary>Returns the system attributes of a study.</summary>
    /// <param name="studyId">The study's identifier.</param>
    /// <returns>A snapshot of the attributes.</returns>
    public abstract IReadOnlyDictionary<string, object?> GetStudySystemAttributes(long studyId);

    /// <summary>Creates a trial with the next number of its study.</summary>
    /// <param name="studyId">The study's identifier.</param>
    /// <param name="template">The contents of the new trial (state, values, parameters, attributes,
    /// intermediate values), or <see langword="null"/> for an empty running trial. Its number and identifier are
    /// ignored.</param>
    /// <returns>A snapshot of the new trial.</returns>
    /// <exception cref="IncompatibleDistributionException">A template parameter conflicts with the study.</exception>
    public abstract FrozenTrial CreateTrial(long studyId, FrozenTrial? template = null);

    /// <summary>Moves the oldest waiting trial of a study to running, atomically, so that exactly one worker
    /// gets each enqueued trial.</summary>
    /// <param name="studyId">The study's identifier.</param>
    /// <returns>A snapshot of the trial now running, or <see langword="null"/> when none was waiting.</returns>
    public abstract FrozenTrial? ClaimWaitingTrial(long studyId);

    /// <summary>Starts a running trial for a worker: the oldest waiting trial, claimed as by
    /// <see cref="ClaimWaitingTrial"/>, or else a new empty one, as by <see cref="CreateTrial"/>.</summary>
    /// <param name="studyId">The study's identifier.</param>
    /// <returns>A snapshot of the trial now running.</returns>
    /// <remarks>The base implementation makes the two calls one after the other. A storage behind a network should
    /// make them one round trip in the common case, when nothing is waiting: a study starts a trial this way for
    /// every trial it runs.</remarks>
    public virtual FrozenTrial StartTrial(long studyId) => ClaimWaitingTrial(studyId) ?? CreateTrial(studyId);

    /// <summary>Records a parameter of a running trial.</summary>
    /// <param name="trialId">The trial's identifier.</param>
    /// <param name="name">The parameter's name.</param>
    /// <param name="internalValue">The value in the distribution's internal representation.</param>
    /// <param name="distribution">The distribution it was drawn from.</param>
    /// <exception cref="IncompatibleDistributionException">Another trial of the study used the name with a
    /// conflicting distribution.</exception>
    /// <exception cref="FinishedTrialUpdateException">The trial is finished.</exception>
    public abstract void SetTrialParameter(long trialId, string name, double internalValue, Distribution distribution);

    /// <summary>Records several parameters of a running trial, in the order given: what a trial suggested since it
    /// last wrote.</summary>
    /// <param name="trialId">The trial's identifier.</param>
    /// <param name="parameters">The parameters, in suggestion order.</param>
    /// <exception cref="IncompatibleDistributionException">Another trial of the study used a name with a
    /// conflicting distribution.</exception>
    /// <exception cref="FinishedTrialUpdateException">The trial is finished.</exception>
    /// <remarks>Each parameter is checked and kept exactly as <see cref="SetTrialParameter"/> would, and takes the
    /// next position in the trial. When one fails, those before it may be written and those after it are not. The
    /// base implementation calls <see cref="SetTrialParameter"/> for each; a backend that can write them in one
    /// round trip should.</remarks>
    public virtual void SetTrialParameters(long trialId, IReadOnlyList<TrialParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var parameter in parameters)
        {
            SetTrialParameter(trialId, parameter.Name, parameter.InternalValue, parameter.Distribution);
        }
    }

    /// <summary>Finishes a running trial, or starts a waiting one.</summary>
    /// <param name="trialId">The trial's identifier.</param>
    /// <param name="state">The new state.</param>
    /// <param name="values">The objective values, if any.</param>
    /// <returns>A snapshot of the trial after the change.</returns>
    /// <exception cref="FinishedTrialUpdateException">The trial is finished.</exception>
    public abstract FrozenTrial SetTrialState(long trialId, TrialState state, IReadOnlyList<double>? values = null);

    /// <summary>Records an intermediate value of a running trial.</summary>
    /// <param name="trialId">The trial's identifier.</param>
    /// <param name="step">The step.</param>
    /// <param name="value">The value; NaN and infinities are kept as they are.</param>
    /// <exception cref="FinishedTrialUpdateException">The trial is finished.</exception>
    public abstract void SetTrialIntermediateValue(long trialId, int step, double value);

    /// <summary>Sets a user attribute of a trial.</summary>
    /// <param name="trialId">The trial's identifier.</param>
    /// <param name="key">The attribute's name.</param>
    /// <param name="value">A JSON-serialisable value.</param>
    /// <exception cref="FinishedTrialUpdateException">The trial is finished.</exception>
    public abstract void SetTrialUserAttribute(long trialId, string key, object? value);

    /// <summary>Sets a system attribute of a trial.</summary>
    /// <param name="trialId">The trial's identifier.</param>
    /// <param name="key">The attribute's name.</param>
    /// <param name="value">A JSON-serialisable value.</param>
    /// <exception cref="FinishedTrialUpdateException">The trial is finished.</exception>
    public abstract void SetTrialSystemAttribute(long trialId, string key, object? value);

    /// <summary>Returns a snapshot of one trial.</summary>
    /// <param name="trialId">The trial's identifier.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="KeyNotFoundException">There is no such trial.</exception>
    public abstract FrozenTrial GetTrial(long trialId);

    /// <summary>Returns snapshots of a study's trials in number order.</summary>
    /// <param name="studyId">The study's identifier.</param>
    /// <param name="states">The states to keep, or <see langword="null"/> for all.</param>
    /// <returns>The snapshots.</returns>
    /// <exception cref="StudyNotFoundException">There is no such study.</exception>
    public abstract IReadOnlyList<FrozenTrial> GetAllTrials(
        long studyId, IReadOnlyCollection<TrialState>? states = null);

    /// <summary>Returns snapshots of a study's trials numbered <paramref name="firstNumber"/> and up, in number order:
    /// what <see cref="CachedStorage"/> asks for, having the earlier ones.</summary>
    /// <param name="studyId">The study's identifier.</param>
    /// <param name="firstNumber">The number of the first trial to return.</param>
    /// <returns>The snapshots.</returns>
    /// <exception cref="StudyNotFoundException">There is no such study.</exception>
    /// <remarks>The base implementation reads every trial and drops the earlier ones; a backend that can select by
    /// number should.</remarks>
    public virtual IReadOnlyList<FrozenTrial> GetTrialsFrom(long studyId, int firstNumber)
    {
        var trials = GetAllTrials(studyId);
        return firstNumber <= 0 ? trials : [.. trials.Skip(firstNumber)];
    }

    /// <summary>Gets a value indicating whether a write costs no round trip (the storage lives in the process), so
    /// that a trial gains nothing by keeping its parameters for <see cref="StudyOptions.ParameterWriteDelay"/>.
    /// </summary>
    internal virtual bool WritesInProcess => false;

    /// <summary>Gets a value indicating whether the storage keeps heartbeats: <see cref="RecordHeartbeat"/> and
    /// <see cref="FailStaleTrials"/> work, so that the trials of a worker that died are failed by another.</summary>
    public virtual bool SupportsHeartbeats => false;

    /// <summary>Records that a running trial is alive, at the storage's clock.</summary>
    /// <param name="trialId">The trial's identifier.</param>
    /// <exception cref="NotSupportedException">The storage keeps no heartbeats.</exception>
    /// <exception cref="FinishedTrialUpdateException">The trial is finished (another worker may have failed it).
    /// </exception>
    public virtual void RecordHeartbeat(long trialId) => throw new NotSupportedException(
        $"{GetType().Name} keeps no heartbeats; use a storage whose SupportsHeartbeats is true.");

    /// <summary>Starts a running trial for a worker that sends heartbeats: the oldest waiting trial, or else a new
    /// one, with its first heartbeat recorded in the same step, so that a worker killed just after cannot leave a
    /// running trial that no sweep would ever judge.</summary>
    /// <param name="studyId">The study's identifier.</param>
    /// <returns>A snapshot of the trial now running.</returns>
    /// <exception cref="NotSupportedException">The storage keeps no heartbeats.</exception>
    /// <remarks>The base implementation starts the trial with <see cref="StartTrial"/> and then records the
    /// heartbeat; storages that keep heartbeats should make the two one step.</remarks>
    public virtual FrozenTrial StartTrialWithHeartbeat(long studyId)
    {
        var trial = StartTrial(studyId);
        RecordHeartbeat(trial.TrialId);
        return trial;
    }

    /// <summary>Fails, atomically, the running trials of a study whose last heartbeat is older than the grace
    /// period at the storage's clock. Trials that never recorded a heartbeat are left alone.</summary>
    /// <param name="studyId">The study's identifier.</param>
    /// <param name="gracePeriod">How old a heartbeat may be before its trial counts as dead.</param>
    /// <returns>Snapshots of the trials this call failed: when several workers sweep at once, each stale trial is
    /// returned to exactly one of them.</returns>
    /// <exception cref="NotSupportedException">The storage keeps no heartbeats.</exception>
    public virtual IReadOnlyList<FrozenTrial> FailStaleTrials(long studyId, TimeSpan gracePeriod) =>
        throw new NotSupportedException(
            $"{GetType().Name} keeps no heartbeats; use a storage whose SupportsHeartbeats is true.");

    /// <summary>Returns the best completed trial of a single-objective study.</summary>
    /// <param name="studyId">The study's identifier.</param>
    /// <returns>The best trial, or <see langword="null"/> when no trial is complete.</returns>
    /// <remarks>Trials whose stored constraints are violated are not candidates. The base implementation scans every
    /// completed trial; backends may keep the best at hand.</remarks>
    public virtual FrozenTrial? FindBestTrial(long studyId)
    {
        var direction = GetStudyDirections(studyId)[0];
        FrozenTrial? best = null;
        foreach (var trial in GetAllTrials(studyId, [TrialState.Complete]))
        {
            if (Feasibility.IsFeasible(trial.SystemAttributes)
                && (best is null || IsBetter(trial.Values![0], best.Values![0], direction)))
            {
                best = trial;
            }
        }

        return best;
    }

    /// <summary>Releases what the storage holds (connections, file handles).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the storage holds.</summary>
    /// <param name="disposing">Whether managed resources should be released too.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    internal static bool IsBetter(double candidate, double incumbent, StudyDirection direction) =>
        direction == StudyDirection.Minimize ? candidate < incumbent : candidate > incumbent;
}
