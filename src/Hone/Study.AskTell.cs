using System.Globalization;
using Hone.Distributions;
using Hone.Internal;

namespace Hone;

public sealed partial class Study
{
    /// <summary>Names the system attribute that records why a trial failed.</summary>
    public const string FailReasonKey = "fail_reason";

    /// <summary>Starts a trial for ask-and-tell use: an enqueued trial when one waits, otherwise a new one.</summary>
    /// <param name="fixedDistributions">Parameters to suggest at once, by name; their values are in
    /// <see cref="Trial.Params"/> when the call returns.</param>
    /// <returns>The running trial; finish it with <see cref="Tell(Trial, double)"/> or a sibling.</returns>
    public Trial Ask(IReadOnlyDictionary<string, Distribution>? fixedDistributions = null)
    {
        var trial = StartTrial();
        if (fixedDistributions is null)
        {
            return trial;
        }

        try
        {
            foreach (var (name, distribution) in fixedDistributions)
            {
                trial.SuggestDistribution(name, distribution);
            }
        }
        catch (HoneException e)
        {
            trial.TryWriteParameters();
            FailQuietly(trial.TrialId, e);
            throw;
        }
        catch (ArgumentException e)
        {
            trial.TryWriteParameters();
            FailQuietly(trial.TrialId, e);
            throw;
        }

        return trial;
    }

    /// <summary>Finishes a trial of a single-objective study with its value.</summary>
    /// <param name="trial">A trial from <see cref="Ask"/>.</param>
    /// <param name="value">The objective value; NaN fails the trial (with a warning), infinities complete it.</param>
    /// <returns>A snapshot of the finished trial.</returns>
    /// <exception cref="FinishedTrialUpdateException">The trial was already told.</exception>
    public FrozenTrial Tell(Trial trial, double value) => Tell(trial, [value]);

    /// <summary>Finishes a trial with one value per objective; invalid values (NaN, wrong count) fail the trial
    /// with a warning.</summary>
    /// <param name="trial">A trial from <see cref="Ask"/>.</param>
    /// <param name="values">One value per objective.</param>
    /// <returns>A snapshot of the finished trial.</returns>
    /// <exception cref="FinishedTrialUpdateException">The trial was already told.</exception>
    public FrozenTrial Tell(Trial trial, IReadOnlyList<double> values) =>
        Finish(Resolve(trial), null, values, null, trial as LiveTrial);

    /// <summary>Finishes a trial in an explicit state.</summary>
    /// <param name="trial">A trial from <see cref="Ask"/>.</param>
    /// <param name="state"><see cref="TrialState.Complete"/> (values required and checked),
    /// <see cref="TrialState.Pruned"/> (the last intermediate value is kept) or <see cref="TrialState.Fail"/>.
    /// </param>
    /// <param name="values">One value per objective with <see cref="TrialState.Complete"/>; none otherwise.</param>
    /// <returns>A snapshot of the finished trial.</returns>
    /// <exception cref="ArgumentException">The state is not a finished one, or the values do not fit it; the trial
    /// stays running, so a correct call can follow.</exception>
    /// <exception cref="FinishedTrialUpdateException">The trial was already told.</exception>
    public FrozenTrial Tell(Trial trial, TrialState state, IReadOnlyList<double>? values = null) =>
        Finish(Resolve(trial), state, values, null, trial as LiveTrial);

    /// <summary>Finishes a trial given by its number, as a command-line front end does; see
    /// <see cref="Tell(Trial, IReadOnlyList{double})"/>.</summary>
    /// <param name="trialNumber">The trial's number.</param>
    /// <param name="values">One value per objective; invalid values fail the trial with a warning.</param>
    /// <returns>A snapshot of the finished trial.</returns>
    /// <exception cref="ArgumentException">There is no such trial.</exception>
    /// <exception cref="FinishedTrialUpdateException">The trial was already told.</exception>
    public FrozenTrial Tell(int trialNumber, IReadOnlyList<double> values) =>
        Finish(TrialIdOf(trialNumber), null, values, null);

    /// <summary>Finishes a trial given by its number in an explicit state; see
    /// <see cref="Tell(Trial, TrialState, IReadOnlyList{double})"/>.</summary>
    /// <param name="trialNumber">The trial's number.</param>
    /// <param name="state">Complete, Pruned or Fail.</param>
    /// <param name="values">One value per objective with Complete; none otherwise.</param>
    /// <returns>A snapshot of the finished trial.</returns>
    /// <exception cref="ArgumentException">There is no such trial, or the values do not fit the state.</exception>
    /// <exception cref="FinishedTrialUpdateException">The trial was already told.</exception>
    public FrozenTrial Tell(int trialNumber, TrialState state, IReadOnlyList<double>? values = null) =>
        Finish(TrialIdOf(trialNumber), state, values, null);

    /// <summary>Queues parameter values for a coming trial: the next trial to start uses them instead of the
    /// sampler's.</summary>
    /// <param name="parameters">Values by parameter name; a parameter not listed is sampled as usual. A value
    /// outside its range is used as given, with a warning.</param>
    /// <param name="userAttributes">User attributes for the trial.</param>
    /// <param name="skipIfExists">Whether to skip when a trial with the same values exists or waits already.
    /// </param>
    /// <returns><see langword="false"/> when the values were skipped, <see langword="true"/> otherwise.</returns>
    /// <exception cref="ArgumentException">A value is NaN or infinite, has an unsupported type, or cannot belong to
    /// the distribution the study already uses for that name (for example 0 for a log-scale parameter).</exception>
    public bool EnqueueTrial(
        IReadOnlyDictionary<string, object?> parameters,
        IReadOnlyDictionary<string, object?>? userAttributes = null,
        bool skipIfExists = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var trials = Storage.GetAllTrials(StudyId);
        foreach (var (name, value) in parameters)
        {
            if (FindEnqueueProblem(trials, name, value) is { } problem)
            {
                throw new ArgumentException($"EnqueueTrial: {problem}.", nameof(parameters));
            }
        }

        var normalized = AttributeValue.NormalizeAll(parameters);
        if (skipIfExists && trials.Any(t => Matches(t, normalized)))
        {
            return false;
        }

        Storage.CreateTrial(StudyId, new FrozenTrial
        {
            State = TrialState.Waiting,
            UserAttributes = userAttributes ?? new Dictionary<string, object?>(),
            SystemAttributes = new Dictionary<string, object?> { [LiveTrial.FixedParamsKey] = normalized },
        });
        return true;
    }

    /// <summary>Adds a finished (or waiting) trial made elsewhere, for example to warm-start a study.</summary>
    /// <param name="trial">The trial; its number and identifier are assigned by the storage.</param>
    /// <returns>A snapshot of the stored trial.</returns>
    /// <exception cref="ArgumentException">The state is <see cref="TrialState.Running"/>, a complete trial's values
    /// do not fit the study, or a parameter has no distribution or does not fit it.</exception>
    public FrozenTrial AddTrial(FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.State == TrialState.Running)
        {
            throw new ArgumentException(
                $"AddTrial takes finished or waiting trials, but got state {trial.State}; use Ask for a running one.",
                nameof(trial));
        }

        if (trial.State == TrialState.Complete && FindValueProblem(trial.Values) is { } problem)
        {
            throw new ArgumentException($"AddTrial: a complete trial needs valid values, but {problem}.",
                nameof(trial));
        }

        if (trial.State is TrialState.Fail or TrialState.Waiting && trial.Values is not null)
        {
            throw new ArgumentException(
                $"AddTrial: a trial in state {trial.State} takes no values, but got {trial.Values.Count}.",
                nameof(trial));
        }

        if (trial.State == TrialState.Pruned && trial.Values is not null && FindValueProblem(trial.Values) is { } bad)
        {
            throw new ArgumentException($"AddTrial: a pruned trial's value must be valid, but {bad}.", nameof(trial));
        }

        CheckParams(trial);
        return Storage.CreateTrial(StudyId, trial);
    }

    // NOTE(hone): a sampler that throws while a trial starts must not leave that trial running forever, so the
    // trial is failed with the reason before the exception goes on.
    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "Design", "CA1031:Do not catch general exception types", Justification = "Rethrown after recording.")]
    private LiveTrial StartTrial()
    {
        if (Heartbeat is not null)
        {
            FailStaleTrials();
        }

        var running = Heartbeat is null
            ? Storage.StartTrial(StudyId)
            : Storage.StartTrialWithHeartbeat(StudyId);
        try
        {
            StartHeartbeat(running.TrialId);
            Sampler.BeforeTrial(PartitionView(running.Number), running);
            var trial = new LiveTrial(this, running);
            TrackLive(trial);
            return trial;
        }
        catch (Exception e)
        {
            FailQuietly(running.TrialId, e);
            throw;
        }
    }

    /// <summary>Records a trial as failed because of an error outside the objective, then lets the error go on.
    /// </summary>
    private void FailQuietly(long trialId, Exception error)
    {
        ReleaseTrial(trialId);
        Storage.SetTrialSystemAttribute(trialId, FailReasonKey, Describe(error));
        var failed = Storage.SetTrialState(trialId, TrialState.Fail);
        LogFinished(failed, Describe(error), error);
    }

    private long TrialIdOf(int trialNumber)
    {
        // Reads from the trial on, not the whole study: a storage that can select by number reads one trial.
        if (trialNumber >= 0
            && Storage.GetTrialsFrom(StudyId, trialNumber).FirstOrDefault(t => t.Number == trialNumber) is { } found)
        {
            return found.TrialId;
        }

        var trials = Storage.GetAllTrials(StudyId);
        string numbers = trials.Count == 0
            ? "it has no trials yet"
            : string.Create(CultureInfo.InvariantCulture, $"its trials are numbered 0 to {trials.Count - 1}");
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"Study '{Name}' has no trial {trialNumber}; {numbers}."),
            nameof(trialNumber));
    }

    private long Resolve(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial is LiveTrial live && ReferenceEquals(live.Study.Storage, Storage) && live.Study.StudyId == StudyId
            ? live.TrialId
            : throw new ArgumentException(
                $"Trial {trial.Number} does not belong to study '{Name}'; tell a trial from this study's Ask.",
                nameof(trial));
    }

    private static string Describe(Exception error) => $"{error.GetType().Name}: {error.Message}";
}
