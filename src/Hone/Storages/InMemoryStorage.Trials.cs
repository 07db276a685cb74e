using Hone.Distributions;
using Hone.Internal;

namespace Hone.Storages;

public sealed partial class InMemoryStorage
{
    /// <inheritdoc />
    public override FrozenTrial CreateTrial(long studyId, FrozenTrial? template = null)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var study = Study(studyId);
            var state = template?.State ?? TrialState.Running;
            if (template is not null)
            {
                foreach (var (name, distribution) in template.Distributions)
                {
                    CheckCompatible(study, name, distribution);
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
    }

    /// <inheritdoc />
    public override FrozenTrial? ClaimWaitingTrial(long studyId)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var study = Study(studyId);
            while (study.Waiting.TryDequeue(out var trial))
            {
                if (trial.State == TrialState.Waiting)
                {
                    trial.State = TrialState.Running;
                    trial.StartedAt = now;
                    trial.Touch();
                    return trial.Snapshot();
                }
            }

            return null;
        }
    }

    /// <inheritdoc />
    public override void SetTrialParameter(long trialId, string name, double internalValue, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(distribution);
        object? external = distribution.ToExternal(internalValue);
        Update(trialId, trial =>
        {
            CheckCompatible(trial.Study, name, distribution);
            trial.Study.ParamDistributions.TryAdd(name, distribution);
            trial.Params = trial.Params.SetItem(name, external);
            trial.Distributions = trial.Distributions.SetItem(name, distribution);
        });
    }

    /// <inheritdoc />
    public override FrozenTrial SetTrialState(long trialId, TrialState state, IReadOnlyList<double>? values = null)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
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
    }

    /// <inheritdoc />
    public override void SetTrialIntermediateValue(long trialId, int step, double value) =>
        Update(trialId, trial => trial.IntermediateValues = trial.IntermediateValues.SetItem(step, value));

    /// <inheritdoc />
    public override void SetTrialUserAttribute(long trialId, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        object? normalized = AttributeValue.Normalize(value);
        Update(trialId, trial => trial.UserAttributes = trial.UserAttributes.SetItem(key, normalized));
    }

    /// <inheritdoc />
    public override void SetTrialSystemAttribute(long trialId, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        object? normalized = AttributeValue.Normalize(value);
        Update(trialId, trial => trial.SystemAttributes = trial.SystemAttributes.SetItem(key, normalized));
    }

    /// <summary>Applies a change to a running or waiting trial under the lock and drops its cached snapshot.</summary>
    private void Update(long trialId, Action<TrialRecord> change)
    {
        lock (_lock)
        {
            var trial = Updatable(trialId);
            change(trial);
            trial.Touch();
        }
    }

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
