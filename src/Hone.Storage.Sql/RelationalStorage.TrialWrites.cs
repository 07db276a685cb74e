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
        // The common case in one statement: a running trial, and a distribution identical to the one the study
        // recorded first for the name. The parameters the trial already has give the new one's position (suggestion
        // order).
        const string Columns = "trial_id, param_name, position, internal_value, distribution_json";
        if (WriteIfRunning("SetTrialParameter", "hone_trial_params", Columns,
                "t.trial_id, @name, (SELECT COUNT(*) FROM hone_trial_params p WHERE p.trial_id = t.trial_id), "
                + "@value, @distribution",
                "AND EXISTS (SELECT 1 FROM hone_study_distributions d WHERE d.study_id = t.study_id "
                + "AND d.param_name = @name AND d.distribution_json = @distribution)",
                "trial_id, param_name", "internal_value, distribution_json",
                [("@name", name), ("@value", value), ("@distribution", json)], trialId))
        {
            return;
        }

        // Anything else (the name's first use in the study, another compatible distribution, a trial that is not
        // running or does not exist) locks the trial and finds out what to do, or why not.
        Run("SetTrialParameter", Access.Write, s =>
        {
            var trial = LockUpdatable(s, trialId,
                "(SELECT COUNT(*) FROM hone_trial_params p WHERE p.trial_id = hone_trials.trial_id)");
            CheckDistribution(s, trial.StudyId, name, distribution, json);
            int position = trial.Extra;
            return s.Execute(
                _dialect.Upsert("hone_trial_params", Columns, "@trial, @name, @position, @value, @distribution",
                    "trial_id, param_name", "internal_value, distribution_json"),
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
        if (state.IsFinished())
        {
            if (FinishRunning(trialId, state, json, now) is { } finished)
            {
                return finished;
            }

            TookLockingPath();
        }

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

    /// <summary>Finishes a running trial and reads it back in one command, or does nothing and returns
    /// <see langword="null"/> when the trial is not running.</summary>
    /// <remarks>The UPDATE checks the state in the statement that changes it (PostgreSQL rechecks it on the latest
    /// row after waiting for another writer's lock), and the trial it finished can no longer change, so the reads
    /// after it see what it wrote.</remarks>
    private FrozenTrial? FinishRunning(long trialId, TrialState state, string? json, object now)
    {
        string update = "UPDATE hone_trials SET state = @state, values_json = @values, completed_at = @now "
            + "WHERE trial_id = @trial AND state = @running";
        return Run("SetTrialState", Access.Statement, s => TrialReader.ReadAfter(s,
            _dialect.UpdateTrialReturning(update, TrialReader.TrialColumnNames),
            ("@state", TrialStates.Name(state)), ("@values", json), ("@now", now), ("@trial", trialId),
            ("@running", TrialStates.Name(TrialState.Running))));
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">There is no such trial.</exception>
    public override void SetTrialIntermediateValue(long trialId, int step, double value)
    {
        string text = StorageJson.FormatDouble(value);
        if (WriteIfRunning("SetTrialIntermediateValue", "hone_trial_intermediate_values", "trial_id, step, value_text",
                "t.trial_id, @step, @value", "", "trial_id, step", "value_text", [("@step", step), ("@value", text)],
                trialId))
        {
            return;
        }

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
        if (WriteIfRunning("SetTrialAttribute", "hone_trial_attributes", "trial_id, is_system, attr_key, value_json",
                "t.trial_id, @system, @key, @value", "", "trial_id, is_system, attr_key", "value_json",
                [("@system", system ? 1 : 0), ("@key", key), ("@value", json)], trialId))
        {
            return;
        }

        Run("SetTrialAttribute", Access.Write, s =>
        {
            LockUpdatable(s, trialId);
            return s.Execute(
                _dialect.Upsert("hone_trial_attributes", "trial_id, is_system, attr_key, value_json",
                    "@trial, @system, @key, @value", "trial_id, is_system, attr_key", "value_json"),
                ("@trial", trialId), ("@system", system ? 1 : 0), ("@key", key), ("@value", json));
        });
    }

    /// <summary>Upserts a row of a trial's contents in one statement (one round trip, no transaction of its own)
    /// when the trial is running, or writes nothing.</summary>
    /// <remarks>The statement reads the trial's row with the lock <see cref="LockUpdatable"/> takes, so it waits for
    /// a writer that is changing the trial's state, such as a sweep that fails it (PostgreSQL then checks the
    /// condition again on the row that writer left), and a sweep skips the trial while it runs. When it writes
    /// nothing the caller takes the slow path, which tells why in an exception, or writes after all (a waiting
    /// trial, say).</remarks>
    /// <param name="operation">The operation, for messages.</param>
    /// <param name="table">The table of the row.</param>
    /// <param name="columns">The row's columns, comma-separated.</param>
    /// <param name="values">The row's values over the trial's row <c>t</c>, comma-separated.</param>
    /// <param name="condition">More of the WHERE clause, after an <c>AND</c>; or empty.</param>
    /// <param name="keys">The columns of the unique key, comma-separated.</param>
    /// <param name="updated">The columns that an existing row with the same key gets, comma-separated.</param>
    /// <param name="parameters">The parameters besides <c>@trial</c> and <c>@running</c>.</param>
    /// <param name="trialId">The trial.</param>
    /// <returns>Whether it wrote.</returns>
    private bool WriteIfRunning(string operation, string table, string columns, string values, string condition,
        string keys, string updated, (string Name, object? Value)[] parameters, long trialId)
    {
        string select = $"SELECT {values} FROM hone_trials t WHERE t.trial_id = @trial AND t.state = @running "
            + $"{condition}{_dialect.LockRows}";
        string sql = _dialect.UpsertSelect(table, columns, select, keys, updated);
        (string, object?)[] all =
            [.. parameters, ("@trial", trialId), ("@running", TrialStates.Name(TrialState.Running))];
        return Run(operation, Access.Statement, s => s.Execute(sql, all) > 0) || TookLockingPath();
    }

    /// <summary>Counts a write that goes on to the locking transaction; returns <see langword="false"/>.</summary>
    private bool TookLockingPath()
    {
        Interlocked.Increment(ref _lockingWrites);
        return false;
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
