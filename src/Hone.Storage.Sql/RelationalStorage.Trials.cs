using System.Globalization;
using Hone.Distributions;
using Hone.Internal;
using Hone.Storages.Sql.Internal;

namespace Hone.Storages.Sql;

public sealed partial class RelationalStorage
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException">A template parameter has no value, or a value its distribution cannot
    /// represent, or a name or key is longer than 512 characters.</exception>
    public override FrozenTrial CreateTrial(long studyId, FrozenTrial? template = null) =>
        CreateTrial(studyId, template, heartbeat: false);

    /// <inheritdoc />
    public override FrozenTrial StartTrialWithHeartbeat(long studyId) => StartTrial(studyId, heartbeat: true);

    /// <inheritdoc />
    /// <remarks>Where the engine has a data-modifying WITH (PostgreSQL), a study with no waiting trial gets its new
    /// trial in one statement, which also checks that nothing is waiting; otherwise, and when something is, this
    /// claims or creates as the two calls do.</remarks>
    public override FrozenTrial StartTrial(long studyId) => StartTrial(studyId, heartbeat: false);

    private FrozenTrial StartTrial(long studyId, bool heartbeat) =>
        (_dialect.HasWritingWith ? CreateEmptyTrial(studyId, heartbeat, Now(), unlessWaiting: true) : null)
        ?? ClaimWaitingTrial(studyId, heartbeat)
        ?? CreateTrial(studyId, null, heartbeat);

    /// <summary>Creates a trial; with <paramref name="heartbeat"/>, a running one that records its first heartbeat
    /// in the same transaction.</summary>
    private FrozenTrial CreateTrial(long studyId, FrozenTrial? template, bool heartbeat)
    {
        var now = Now();
        var contents = template is null ? null : TemplateRows.From(template);
        var state = template?.State ?? TrialState.Running;
        DateTimeOffset? started = state == TrialState.Waiting ? null : template?.StartedAt ?? now;
        DateTimeOffset? completed = state.IsFinished() ? template?.CompletedAt ?? now : null;
        if (contents is null && _dialect.HasWritingWith)
        {
            return CreateEmptyTrial(studyId, heartbeat, now, unlessWaiting: false) ?? throw StudyNotFound(studyId);
        }

        return Run("CreateTrial", Access.Write, s =>
        {
            // The study's row stays locked until the transaction ends: no other process takes the same number.
            int number = s.Scalar(
                $"SELECT next_trial_number FROM hone_studies WHERE study_id = @study{_dialect.LockRows}",
                ("@study", studyId)) is { } next
                ? Convert.ToInt32(next, CultureInfo.InvariantCulture)
                : throw StudyNotFound(studyId);
            s.Execute("UPDATE hone_studies SET next_trial_number = @next WHERE study_id = @study",
                ("@next", number + 1), ("@study", studyId));
            long trialId = s.Insert(
                "INSERT INTO hone_trials (study_id, number, state, values_json, started_at, completed_at, "
                + "heartbeat_at) VALUES (@study, @number, @state, @values, @started, @completed, "
                + $"{HeartbeatSql(heartbeat)})",
                "trial_id",
                ("@study", studyId), ("@number", number), ("@state", TrialStates.Name(state)),
                ("@values", StorageJson.EncodeDoubles(template?.Values)),
                ("@started", started is { } a ? _dialect.ToDatabase(a) : null),
                ("@completed", completed is { } b ? _dialect.ToDatabase(b) : null),
                ("@heartbeat", HeartbeatValue(heartbeat, now)));
            if (contents is null)
            {
                // Nothing else to read back: an empty running trial.
                return TrialReader.Empty(trialId, number, state, ToMicroseconds(started), null);
            }

            contents.Insert(s, studyId, trialId, this);
            return TrialReader.ReadOne(s, trialId);
        });
    }

    /// <summary>Creates an empty running trial in one statement, where the engine has a data-modifying WITH: the
    /// study's row stays locked from taking the number until the trial's row is in, as in the transaction of
    /// <see cref="CreateTrial(long, FrozenTrial?, bool)"/>, and nothing is written when the insert fails.</summary>
    /// <param name="studyId">The study's identifier.</param>
    /// <param name="heartbeat">Whether the trial records its first heartbeat.</param>
    /// <param name="now">The trial's start.</param>
    /// <param name="unlessWaiting">Whether to create nothing when the study has a waiting trial, which is then for
    /// the caller to claim; the check reads what the database held when the statement began, as a separate read
    /// before it would.</param>
    /// <returns>The new trial, or <see langword="null"/> when nothing was created: the study does not exist, or
    /// with <paramref name="unlessWaiting"/> a trial is waiting.</returns>
    private FrozenTrial? CreateEmptyTrial(long studyId, bool heartbeat, DateTimeOffset now, bool unlessWaiting)
    {
        string nothingWaiting = unlessWaiting
            ? " AND NOT EXISTS (SELECT 1 FROM hone_trials WHERE study_id = @study AND state = @waiting)"
            : "";
        string sql = "WITH n AS (UPDATE hone_studies SET next_trial_number = next_trial_number + 1 "
            + $"WHERE study_id = @study{nothingWaiting} RETURNING next_trial_number - 1 AS number) "
            + "INSERT INTO hone_trials (study_id, number, state, values_json, started_at, completed_at, heartbeat_at) "
            + $"SELECT @study, n.number, @state, NULL, @started, NULL, {HeartbeatSql(heartbeat)} FROM n "
            + "RETURNING trial_id, number";
        return Run(unlessWaiting ? "StartTrial" : "CreateTrial", Access.Statement, s =>
        {
            (long TrialId, int Number)? created = null;
            s.Query(sql,
                r => created = (r.GetInt64(0), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture)),
                ("@study", studyId), ("@state", TrialStates.Name(TrialState.Running)),
                ("@waiting", TrialStates.Name(TrialState.Waiting)),
                ("@started", _dialect.ToDatabase(now)), ("@heartbeat", HeartbeatValue(heartbeat, now)));
            return created is var (trialId, number)
                ? TrialReader.Empty(trialId, number, TrialState.Running, ToMicroseconds(now), null)
                : null;
        });
    }

    /// <inheritdoc />
    public override FrozenTrial? ClaimWaitingTrial(long studyId) => ClaimWaitingTrial(studyId, heartbeat: false);

    private FrozenTrial? ClaimWaitingTrial(long studyId, bool heartbeat)
    {
        // Most trials start with nothing queued: one read spares the write lock then. Its answer is what the database
        // held at the moment of the read, as if the claim had happened then.
        bool waiting = Run("ClaimWaitingTrial", Access.Statement, s =>
        {
            bool studyFound = false;
            bool found = false;
            s.Query(
                "SELECT s.study_id, t.trial_id FROM hone_studies s LEFT JOIN hone_trials t "
                + "ON t.study_id = s.study_id AND t.state = @waiting WHERE s.study_id = @study "
                + "ORDER BY t.number LIMIT 1",
                r =>
                {
                    studyFound = true;
                    found = !r.IsDBNull(1);
                },
                ("@waiting", TrialStates.Name(TrialState.Waiting)), ("@study", studyId));
            return studyFound ? found : throw StudyNotFound(studyId);
        });
        if (!waiting)
        {
            return null;
        }

        var now = Now();
        return Run("ClaimWaitingTrial", Access.Write, s =>
        {
            // Rows that other claimers hold are skipped: each of them gets another waiting trial, or none.
            if (s.Scalar(
                    "SELECT trial_id FROM hone_trials WHERE study_id = @study AND state = @waiting "
                    + $"ORDER BY number LIMIT 1{_dialect.LockRowsSkipLocked}",
                    ("@study", studyId), ("@waiting", TrialStates.Name(TrialState.Waiting))) is not { } id)
            {
                return null;
            }

            long trialId = Convert.ToInt64(id, CultureInfo.InvariantCulture);
            s.Execute(
                "UPDATE hone_trials SET state = @running, started_at = @now, "
                + $"heartbeat_at = {HeartbeatSql(heartbeat)} WHERE trial_id = @trial",
                ("@running", TrialStates.Name(TrialState.Running)), ("@now", _dialect.ToDatabase(now)),
                ("@heartbeat", HeartbeatValue(heartbeat, now)), ("@trial", trialId));
            return TrialReader.ReadOne(s, trialId);
        });
    }

    private static DateTimeOffset? ToMicroseconds(DateTimeOffset? time) =>
        time is { } t ? new DateTimeOffset(t.UtcTicks - (t.UtcTicks % 10), TimeSpan.Zero) : null;

    /// <summary>Holds a template's contents encoded for the database, checked before any transaction starts.
    /// </summary>
    private sealed class TemplateRows
    {
        private readonly List<(string Name, Distribution Distribution, string Json, string Value)> _params = [];
        private readonly List<(int Step, string Value)> _intermediateValues = [];
        private readonly List<(bool System, string Key, string Json)> _attributes = [];

        public static TemplateRows From(FrozenTrial template)
        {
            var rows = new TemplateRows();
            foreach (var (name, distribution) in template.Distributions)
            {
                CheckName(name, "parameter name", nameof(template));
                rows._params.Add((name, distribution, StorageDistribution.Encode(distribution),
                    StorageJson.FormatDouble(InternalValue(template, name, distribution))));
            }

            foreach (var (step, value) in template.IntermediateValues)
            {
                rows._intermediateValues.Add((step, StorageJson.FormatDouble(value)));
            }

            rows.AddAttributes(template.UserAttributes, system: false);
            rows.AddAttributes(template.SystemAttributes, system: true);
            return rows;
        }

        public void Insert(SqlSession s, long studyId, long trialId, RelationalStorage storage)
        {
            int position = 0;
            foreach (var (name, distribution, json, value) in _params)
            {
                storage.CheckDistribution(s, studyId, name, distribution, json);
                s.Execute(
                    "INSERT INTO hone_trial_params (trial_id, param_name, position, internal_value, distribution_json) "
                    + "VALUES (@trial, @name, @position, @value, @distribution)",
                    ("@trial", trialId), ("@name", name), ("@position", position++), ("@value", value),
                    ("@distribution", json));
            }

            foreach (var (step, value) in _intermediateValues)
            {
                s.Execute(
                    "INSERT INTO hone_trial_intermediate_values (trial_id, step, value_text) "
                    + "VALUES (@trial, @step, @value)",
                    ("@trial", trialId), ("@step", step), ("@value", value));
            }

            foreach (var (system, key, json) in _attributes)
            {
                s.Execute(
                    "INSERT INTO hone_trial_attributes (trial_id, is_system, attr_key, value_json) "
                    + "VALUES (@trial, @system, @key, @value)",
                    ("@trial", trialId), ("@system", system ? 1 : 0), ("@key", key), ("@value", json));
            }
        }

        private void AddAttributes(IReadOnlyDictionary<string, object?> attributes, bool system)
        {
            foreach (var (key, value) in AttributeValue.NormalizeAll(attributes))
            {
                CheckName(key, "trial attribute key", "template");
                _attributes.Add((system, key, StorageJson.EncodeAttribute(value)));
            }
        }

        private static double InternalValue(FrozenTrial template, string name, Distribution distribution)
        {
            if (!template.Params.TryGetValue(name, out object? value))
            {
                throw new ArgumentException(
                    $"The template gives a distribution for parameter '{name}' but no value; give both.",
                    nameof(template));
            }

            try
            {
                return distribution.ToInternal(value);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException(
                    $"Parameter '{name}' of the template does not fit its distribution: {Errors.MessageOf(e)}",
                    nameof(template), e);
            }
        }
    }
}
