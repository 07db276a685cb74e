using Hone.Distributions;
using Hone.Internal;

namespace Hone.Storages;

internal sealed partial class StorageState
{
    /// <summary>Creates a trial with the next number of its study from an optional template.</summary>
    public FrozenTrial CreateTrial(long studyId, FrozenTrial? template, DateTimeOffset now)
    {
        var study = Study(studyId);
        var state = template?.State ?? TrialState.Running;
        if (template is not null)
        {
            foreach (var (name, distribution) in template.Distributions)
            {
                CheckCompatible(study, name, distribution);
                if (!template.Params.ContainsKey(name))
                {
                    throw new ArgumentException(
                        $"The template gives a distribution for parameter '{name}' but no value; give both.",
                        nameof(template));
                }
            }
        }

        var trial = new TrialRecord(study, _nextTrialId++, study.Trials.Count)
        {
            State = state,
            StartedAt = state == TrialState.Waiting ? null : template?.StartedAt ?? now,
            CompletedAt = state.IsFinished() ? template?.CompletedAt ?? now : null,
            Values = ReadOnlyCopy.Of(template?.Values),
        };
        if (template is not null)
        {
            foreach (var (name, distribution) in template.Distributions)
            {
                trial.Params = trial.Params.SetItem(name, template.Params[name]);
                trial.Distributions = trial.Distributions.SetItem(name, distribution);
                study.ParamDistributions.TryAdd(name, distribution);
            }

            trial.IntermediateValues = trial.IntermediateValues.SetItems(template.IntermediateValues);
            trial.UserAttributes =
                trial.UserAttributes.SetItems(AttributeValue.NormalizeAll(template.UserAttributes));
            trial.SystemAttributes =
                trial.SystemAttributes.SetItems(AttributeValue.NormalizeAll(template.SystemAttributes));
        }

        study.Trials.Add(trial);
        _trials[trial.Id] = trial;
        if (state == TrialState.Waiting)
        {
            study.Waiting.Enqueue(trial);
        }

        study.ConsiderForBest(trial);
        return trial.Snapshot();
    }

    /// <summary>Returns the identifier of the oldest waiting trial of a study, or <see langword="null"/>; trials
    /// that left the queue some other way are dropped from it on the way.</summary>
    public long? FindWaitingTrial(long studyId)
    {
        var waiting = Study(studyId).Waiting;
        while (waiting.TryPeek(out var trial))
        {
            if (trial.State == TrialState.Waiting)
            {
                return trial.Id;
            }

            waiting.Dequeue();
        }

        return null;
    }

    /// <summary>Moves a waiting trial to running.</summary>
    /// <exception cref="InvalidOperationException">The trial is not waiting.</exception>
    public FrozenTrial ClaimTrial(long trialId, DateTimeOffset now)
    {
        var trial = Trial(trialId);
        if (trial.State != TrialState.Waiting)
        {
            throw new InvalidOperationException(
                $"Trial {trial.Number} of study '{trial.Study.Name}' is {trial.State}, not waiting, so it cannot be "
                + "claimed.");
        }

        if (trial.Study.Waiting.TryPeek(out var first) && first == trial)
        {
            trial.Study.Waiting.Dequeue();
        }

        trial.State = TrialState.Running;
        trial.StartedAt = now;
        trial.Touch();
        return trial.Snapshot();
    }

    public void SetTrialParameter(long trialId, string name, object? external, Distribution distribution)
    {
        var trial = Updatable(trialId);
        CheckCompatible(trial.Study, name, distribution);
        trial.Study.ParamDistributions.TryAdd(name, distribution);
        trial.Params = trial.Params.SetItem(name, external);
        trial.Distributions = trial.Distributions.SetItem(name, distribution);
        trial.Touch();
    }

    public FrozenTrial SetTrialState(long trialId, TrialState state, IReadOnlyList<double>? values, DateTimeOffset now)
    {
        var trial = Updatable(trialId);
        trial.State = state;
        trial.Values = ReadOnlyCopy.Of(values);
        if (state == TrialState.Running)
        {
            trial.StartedAt ??= now;
        }

        if (state.IsFinished())
        {
            trial.CompletedAt = now;
        }

        trial.Touch();
        trial.Study.ConsiderForBest(trial);
        return trial.Snapshot();
    }

    public void SetTrialIntermediateValue(long trialId, int step, double value)
    {
        var trial = Updatable(trialId);
        trial.IntermediateValues = trial.IntermediateValues.SetItem(step, value);
        trial.Touch();
    }

    public void SetTrialAttribute(long trialId, string key, object? normalized, bool system)
    {
        var trial = Updatable(trialId);
        if (system)
        {
            trial.SystemAttributes = trial.SystemAttributes.SetItem(key, normalized);
        }
        else
        {
            trial.UserAttributes = trial.UserAttributes.SetItem(key, normalized);
        }

        trial.Touch();
    }

    /// <summary>Notes that a running trial is alive.</summary>
    public void RecordHeartbeat(long trialId, DateTimeOffset now) => Updatable(trialId).HeartbeatAt = now;

    /// <summary>Tells whether a study has a running trial whose last heartbeat is older than the grace period.
    /// </summary>
    public bool HasStaleTrials(long studyId, DateTimeOffset now, TimeSpan gracePeriod) =>
        Study(studyId).Trials.Any(t => t.State == TrialState.Running && t.HeartbeatAt is { } beat
            && now - beat > gracePeriod);

    /// <summary>Fails the running trials of a study whose last heartbeat is older than the grace period.</summary>
    /// <returns>Snapshots of the trials failed.</returns>
    public List<FrozenTrial> FailStaleTrials(long studyId, DateTimeOffset now, TimeSpan gracePeriod)
    {
        var failed = new List<FrozenTrial>();
        foreach (var trial in Study(studyId).Trials)
        {
            if (trial.State != TrialState.Running || trial.HeartbeatAt is not { } beat || now - beat <= gracePeriod)
            {
                continue;
            }

            trial.SystemAttributes = trial.SystemAttributes.SetItem(Hone.Study.FailReasonKey, string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"Its worker stopped sending heartbeats: the last one, at {beat:O}, is older than the grace period "
                + $"of {gracePeriod.TotalSeconds:0.###} s."));
            failed.Add(SetTrialState(trial.Id, TrialState.Fail, null, now));
        }

        return failed;
    }

    /// <summary>Throws <see cref="FinishedTrialUpdateException"/> unless the trial may still change.</summary>
    public void CheckUpdatable(long trialId) => Updatable(trialId);

    private TrialRecord Updatable(long trialId)
    {
        var trial = Trial(trialId);
        if (trial.State.IsFinished())
        {
            throw new FinishedTrialUpdateException(
                $"Trial {trial.Number} of study '{trial.Study.Name}' is already finished (state {trial.State}) and "
                + "cannot change; a trial is told only once.");
        }

        return trial;
    }

    private static void CheckCompatible(StudyRecord study, string name, Distribution distribution)
    {
        if (study.ParamDistributions.TryGetValue(name, out var existing)
            && existing.FindIncompatibility(distribution) is { } reason)
        {
            throw new IncompatibleDistributionException(
                $"Parameter '{name}' conflicts with its earlier use in study '{study.Name}': {reason}. Within a "
                + "study a name keeps its kind, log flag and categorical choices (only a numeric range may change); "
                + "use a new name for the new distribution.");
        }
    }
}
