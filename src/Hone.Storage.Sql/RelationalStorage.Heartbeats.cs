using System.Globalization;
using Hone.Storages.Sql.Internal;

namespace Hone.Storages.Sql;

public sealed partial class RelationalStorage
{
    /// <inheritdoc />
    /// <remarks>PostgreSQL and MySQL write and judge heartbeats at the database server's clock, so workers on
    /// machines whose clocks disagree do not fail each other's trials; SQLite, which runs in the worker, uses the
    /// storage's clock.</remarks>
    public override bool SupportsHeartbeats => true;

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">There is no such trial.</exception>
    public override void RecordHeartbeat(long trialId)
    {
        object? now = _dialect.ServerNow is null ? _dialect.ToDatabase(Now()) : null;
        // A running trial, the common case, in one statement that checks the state as it writes; the slow path
        // below finds out why not, or records the beat of a waiting trial.
        if (Run("RecordHeartbeat", Access.Statement, s => s.Execute(
                $"UPDATE hone_trials SET heartbeat_at = {_dialect.ServerNow ?? "@now"} "
                + "WHERE trial_id = @trial AND state = @running",
                ("@now", now), ("@trial", trialId), ("@running", TrialStates.Name(TrialState.Running)))) > 0)
        {
            return;
        }

        TookLockingPath();

        Run("RecordHeartbeat", Access.Write, s =>
        {
            LockUpdatable(s, trialId);
            return _dialect.ServerNow is { } server
                ? s.Execute($"UPDATE hone_trials SET heartbeat_at = {server} WHERE trial_id = @trial",
                    ("@trial", trialId))
                : s.Execute("UPDATE hone_trials SET heartbeat_at = @now WHERE trial_id = @trial",
                    ("@now", now), ("@trial", trialId));
        });
    }

    /// <inheritdoc />
    /// <exception cref="StudyNotFoundException">There is no such study.</exception>
    public override IReadOnlyList<FrozenTrial> FailStaleTrials(long studyId, TimeSpan gracePeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gracePeriod, TimeSpan.Zero);
        var now = Now();
        (string Sql, object Value) cutoff = _dialect.ServerNow is null
            ? ("@cutoff", _dialect.ToDatabase(now - gracePeriod))
            : (_dialect.ServerSecondsAgo("@cutoff"), gracePeriod.TotalSeconds);
        return Run("FailStaleTrials", Access.Write, s =>
        {
            if (s.Scalar("SELECT study_id FROM hone_studies WHERE study_id = @study", ("@study", studyId)) is null)
            {
                throw StudyNotFound(studyId);
            }

            // Rows another sweeper holds are skipped: each stale trial is failed, and returned, by one sweeper.
            var stale = new List<(long TrialId, DateTimeOffset Beat)>();
            s.Query(
                "SELECT trial_id, heartbeat_at FROM hone_trials WHERE study_id = @study AND state = @running "
                + $"AND heartbeat_at IS NOT NULL AND heartbeat_at < {cutoff.Sql} ORDER BY number"
                + _dialect.LockRowsSkipLocked,
                r => stale.Add((r.GetInt64(0), _dialect.ReadTime(r, 1))),
                ("@study", studyId), ("@running", TrialStates.Name(TrialState.Running)), ("@cutoff", cutoff.Value));
            var failed = new List<FrozenTrial>(stale.Count);
            foreach (var (trialId, beat) in stale)
            {
                string reason = string.Create(CultureInfo.InvariantCulture,
                    $"Its worker stopped sending heartbeats: the last one, at {beat:O}, is older than the grace "
                    + $"period of {gracePeriod.TotalSeconds:0.###} s.");
                s.Execute(
                    _dialect.Upsert("hone_trial_attributes", "trial_id, is_system, attr_key, value_json",
                        "@trial, 1, @key, @value", "trial_id, is_system, attr_key", "value_json"),
                    ("@trial", trialId), ("@key", Study.FailReasonKey),
                    ("@value", StorageJson.EncodeAttribute(reason)));
                s.Execute(
                    "UPDATE hone_trials SET state = @fail, completed_at = @now WHERE trial_id = @trial",
                    ("@fail", TrialStates.Name(TrialState.Fail)), ("@now", _dialect.ToDatabase(now)),
                    ("@trial", trialId));
                failed.Add(TrialReader.ReadOne(s, trialId));
            }

            return failed;
        });
    }

    /// <summary>Returns the SQL of a new trial's heartbeat: the server's clock, a parameter, or NULL without one.
    /// </summary>
    private string HeartbeatSql(bool heartbeat) => !heartbeat ? "NULL" : _dialect.ServerNow ?? "@heartbeat";

    /// <summary>Returns the value of the <c>@heartbeat</c> parameter (unused unless the storage's clock is used).
    /// </summary>
    private object? HeartbeatValue(bool heartbeat, DateTimeOffset now) =>
        heartbeat && _dialect.ServerNow is null ? _dialect.ToDatabase(now) : null;
}
