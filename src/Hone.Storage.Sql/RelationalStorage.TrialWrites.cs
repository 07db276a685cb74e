using System.Globalization;
using Hone.Distributions;
using Hone.Internal;
using Hone.Storages.Sql.Internal;

namespace Hone.Storages.Sql;

public sealed partial class RelationalStorage
{
    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">There is no such trial.</exception>
    /// <exception cref="ArgumentException">The name is longer than 512 characters.</exception>
    public override void SetTrialParameter(long trialId, string name, double internalValue, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(distribution);
        CheckName(name, "parameter name", nameof(name));
        // Throws, like the other storages, when the value is not one the distribution can give.
        distribution.ToExternal(internalValue);
        string json = StorageDistribution.Encode(distribution);
        string value = StorageJson.FormatDouble(internalValue);
        Run("SetTrialParameter", Access.Write, s =>
        {
            // The parameters the trial already has give the new one's position (suggestion order), in the same
            // statement that locks the trial's row.
            var trial = LockUpdatable(s, trialId,
                "(SELECT COUNT(*) FROM hone_trial_params p WHERE p.trial_id = hone_trials.trial_id)");
            CheckDistribution(s, trial.StudyId, name, distribution, json);
            int position = trial.Extra;
            return s.Execute(
                _dialect.Upsert("hone_trial_params",
                    "trial_id, param_name, position, internal_value, distribution_json",
                    "@trial, @name, @position, @value, @distribution", "trial_id, param_name",
                    "internal_value, distribution_json"),
                ("@trial", trialId), ("@name", name), ("@position", position), ("@value", value),
                ("@distribution", json));
        });
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">There is no such trial.</exception>
    public override FrozenTrial SetTrialState(long trialId, TrialState state, IReadOnlyList<double>? values = null)
    {
        var now = _dialect.ToDatabase(Now());
        string? json = StorageJson.EncodeDoubles(values);
        string times = state == TrialState.Running ? ", started_at = COALESCE(started_at, @now)"
            : state.IsFinished() ? ", completed_at = @now"
            : "";
        return Run("SetTrialState", Access.Write, s =>
        {
            LockUpdatable(s, trialId);
            string sql = $"UPDATE hone_trials SET state = @state, values_json = @values{times} WHERE trial_id = @trial";
            if (times.Length == 0)
            {
                s.Execute(sql, ("@state", TrialStates.Name(state)), ("@values", json), ("@trial", trialId));
            }
            else
            {
                s.Execute(sql, ("@state", TrialStates.Name(state)), ("@values", json), ("@now", now),
                    ("@trial", trialId));
            }

            return TrialReader.ReadOne(s, trialId);
        });
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">There is no such trial.</exception>
    public override void SetTrialIntermediateValue(long trialId, int step, double value)
    {
        string text = StorageJson.FormatDouble(value);
        Run("SetTrialIntermediateValue", Access.Write, s =>
        {
            LockUpdatable(s, trialId);
            return s.Execute(
                _dialect.Upsert("hone_trial_intermediate_values", "trial_id, step, value_text", "@trial, @step, @value",
                    "trial_id, step", "value_text"),
                ("@trial", trialId), ("@step", step), ("@value", text));
        });
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">There is no such trial.</exception>
    /// <exception cref="ArgumentException">The key is longer than 512 characters.</exception>
    public override void SetTrialUserAttribute(long trialId, string key, object? value) =>
        SetTrialAttribute(trialId, key, value, system: false);

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">There is no such trial.</exception>
    /// <exception cref="ArgumentException">The key is longer than 512 characters.</exception>
    public override void SetTrialSystemAttribute(long trialId, string key, object? value) =>
        SetTrialAttribute(trialId, key, value, system: true);

    private void SetTrialAttribute(long trialId, string key, object? value, bool system)
    {
        ArgumentNullException.ThrowIfNull(key);
        CheckName(key, "trial attribute key", nameof(key));
        string json = StorageJson.EncodeAttribute(AttributeValue.Normalize(value));
        Run("SetTrialAttribute", Access.Write, s =>
        {
            LockUpdatable(s, trialId);
            return s.Execute(
                _dialect.Upsert("hone_trial_attributes", "trial_id, is_system, attr_key, value_json",
                    "@trial, @system, @key, @value", "trial_id, is_system, attr_key", "value_json"),
                ("@trial", trialId), ("@system", system ? 1 : 0), ("@key", key), ("@value", json));
        });
    }

    /// <summary>Locks a trial's row until the transaction ends and checks that the trial may still change.</summary>
    /// <exception cref="KeyNotFoundException">There is no such trial.</exception>
    /// <exception cref="FinishedTrialUpdateException">The trial is finished.</exception>
    /// <param name="s">The session.</param>
    /// <param name="trialId">The trial.</param>
    /// <param name="extra">An integer expression over the trial's row to read in the same statement, or none.
    /// </param>
    private (long StudyId, int Number, int Extra) LockUpdatable(SqlSession s, long trialId, string extra = "0")
    {
        (long StudyId, int Number, TrialState State, int Extra)? trial = null;
        s.Query(
            $"SELECT study_id, number, state, {extra} FROM hone_trials WHERE trial_id = @trial{_dialect.LockRows}",
            r => trial = (r.GetInt64(0), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture),
                TrialStates.Parse(r.GetString(2)), Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture)),
            ("@trial", trialId));
        var (studyId, number, state, value) = trial ?? throw TrialNotFound(trialId);
        if (state.IsFinished())
        {
            throw new FinishedTrialUpdateException(
                $"Trial {number} of study '{StudyName(s, studyId)}' is already finished (state {state}) and cannot "
                + "change; a trial is told only once.");
        }

        return (studyId, number, value);
    }

    /// <summary>Records the distribution of a parameter name in its study when it is the name's first, or checks it
    /// against the first one.</summary>
    /// <remarks>When two transactions record the same new name at once, the second insert waits for the first
    /// transaction and then inserts nothing; the check then reads the row the first one committed.</remarks>
    /// <exception cref="IncompatibleDistributionException">The distribution conflicts with the first.</exception>
    private void CheckDistribution(SqlSession s, long studyId, string name, Distribution distribution, string json)
    {
        // The first distribution recorded for a name never changes (until its study is deleted), so once read it is
        // checked from memory: one statement less for every parameter of every trial.
        if (_firstDistributions.TryGetValue((studyId, name), out string? known))
        {
            ThrowIfIncompatible(s, studyId, name, distribution, json, known);
            return;
        }

        const string Select =
            "SELECT distribution_json FROM hone_study_distributions WHERE study_id = @study AND param_name = @name";
        if (s.Scalar(Select, ("@study", studyId), ("@name", name)) is string committed)
        {
            // Only a row that was there before this transaction is remembered: one this transaction writes could
            // still be rolled back.
            _firstDistributions.TryAdd((studyId, name), committed);
            ThrowIfIncompatible(s, studyId, name, distribution, json, committed);
            return;
        }

        s.Execute(
            _dialect.InsertIfAbsent("hone_study_distributions", "study_id, param_name, distribution_json",
                "@study, @name, @distribution", "study_id, param_name"),
            ("@study", studyId), ("@name", name), ("@distribution", json));
        string stored = s.Scalar(Select, ("@study", studyId), ("@name", name)) as string ?? json;
        ThrowIfIncompatible(s, studyId, name, distribution, json, stored);
    }

    private static void ThrowIfIncompatible(
        SqlSession s, long studyId, string name, Distribution distribution, string json, string stored)
    {
        if (stored != json && StorageDistribution.Decode(stored).FindIncompatibility(distribution) is { } reason)
        {
            throw new IncompatibleDistributionException(
                $"Parameter '{name}' conflicts with its earlier use in study '{StudyName(s, studyId)}': {reason}. "
                + "Within a study a name keeps its kind, log flag and categorical choices (only a numeric range may "
                + "change); use a new name for the new distribution.");
        }
    }
}
