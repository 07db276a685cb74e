namespace Hone.Storages.Sql.Internal;

internal static partial class SqlSchema
{
    /// <summary>Returns the DDL of schema version 1, in the dialect's types; every statement may run again on a
    /// database that has some of the tables already.</summary>
    /// <remarks>
    /// Numbers that must round-trip exactly (objective values, intermediate values, internal parameter values) are
    /// kept as text in the encoding of <see cref="StorageJson"/>, since MySQL's DOUBLE and SQLite's REAL cannot
    /// hold NaN. Attributes and distributions are JSON text. Child rows keep the order they were first written in
    /// (their serial key; a parameter also has its <c>position</c>), so that snapshots list them as the other
    /// storages do. Every child row goes when its study or trial is deleted.
    /// </remarks>
    public static IReadOnlyList<string> CreateStatements(SqlDialect d)
    {
        var trialsByState = d.Index("hone_trials", "hone_trials_study_state", "study_id, state, number");
        string studyKey = "FOREIGN KEY (study_id) REFERENCES hone_studies (study_id) ON DELETE CASCADE";
        string trialKey = "FOREIGN KEY (trial_id) REFERENCES hone_trials (trial_id) ON DELETE CASCADE";
        var statements = new List<string>
        {
            $"""
            CREATE TABLE IF NOT EXISTS hone_studies (
                {Serial(d, "study_id")},
                name {d.NameType} NOT NULL,
                directions {d.TextType} NOT NULL,
                next_trial_number INTEGER NOT NULL DEFAULT 0,
                CONSTRAINT hone_studies_name UNIQUE (name)
            ){d.TableOptions}
            """,
            $"""
            CREATE TABLE IF NOT EXISTS hone_study_attributes (
                {Serial(d, "attribute_id", autoincrement: false)},
                study_id BIGINT NOT NULL,
                is_system SMALLINT NOT NULL,
                attr_key {d.NameType} NOT NULL,
                value_json {d.TextType} NOT NULL,
                CONSTRAINT hone_study_attributes_key UNIQUE (study_id, is_system, attr_key),
                CONSTRAINT hone_study_attributes_study {studyKey}
            ){d.TableOptions}
            """,
            $"""
            CREATE TABLE IF NOT EXISTS hone_study_distributions (
                study_id BIGINT NOT NULL,
                param_name {d.NameType} NOT NULL,
                distribution_json {d.TextType} NOT NULL,
                CONSTRAINT hone_study_distributions_key PRIMARY KEY (study_id, param_name),
                CONSTRAINT hone_study_distributions_study {studyKey}
            ){d.TableOptions}
            """,
            $"""
            CREATE TABLE IF NOT EXISTS hone_trials (
                {Serial(d, "trial_id")},
                study_id BIGINT NOT NULL,
                number INTEGER NOT NULL,
                state VARCHAR(16) NOT NULL,
                values_json {d.TextType},
                started_at {d.TimeType},
                completed_at {d.TimeType},
                heartbeat_at {d.TimeType},
                CONSTRAINT hone_trials_number UNIQUE (study_id, number),
                CONSTRAINT hone_trials_study {studyKey}{trialsByState.Inline}
            ){d.TableOptions}
            """,
            $"""
            CREATE TABLE IF NOT EXISTS hone_trial_params (
                {Serial(d, "param_id", autoincrement: false)},
                trial_id BIGINT NOT NULL,
                param_name {d.NameType} NOT NULL,
                position INTEGER NOT NULL,
                internal_value VARCHAR(32) NOT NULL,
                distribution_json {d.TextType} NOT NULL,
                CONSTRAINT hone_trial_params_name UNIQUE (trial_id, param_name),
                CONSTRAINT hone_trial_params_trial {trialKey}
            ){d.TableOptions}
            """,
            $"""
            CREATE TABLE IF NOT EXISTS hone_trial_intermediate_values (
                {Serial(d, "value_id", autoincrement: false)},
                trial_id BIGINT NOT NULL,
                step INTEGER NOT NULL,
                value_text VARCHAR(32) NOT NULL,
                CONSTRAINT hone_trial_intermediate_values_step UNIQUE (trial_id, step),
                CONSTRAINT hone_trial_intermediate_values_trial {trialKey}
            ){d.TableOptions}
            """,
            $"""
            CREATE TABLE IF NOT EXISTS hone_trial_attributes (
                {Serial(d, "attribute_id", autoincrement: false)},
                trial_id BIGINT NOT NULL,
                is_system SMALLINT NOT NULL,
                attr_key {d.NameType} NOT NULL,
                value_json {d.TextType} NOT NULL,
                CONSTRAINT hone_trial_attributes_key UNIQUE (trial_id, is_system, attr_key),
                CONSTRAINT hone_trial_attributes_trial {trialKey}
            ){d.TableOptions}
            """,
        };
        if (trialsByState.Statement is { } index)
        {
            statements.Add(index);
        }

        statements.Add(
            $"CREATE TABLE IF NOT EXISTS hone_version (version INTEGER NOT NULL PRIMARY KEY){d.TableOptions}");
        return statements;
    }

    /// <summary>Returns a serial primary key; SQLite's plain <c>INTEGER PRIMARY KEY</c> (without AUTOINCREMENT) may
    /// reuse the key of a deleted last row, which child rows can afford and studies and trials cannot.</summary>
    private static string Serial(SqlDialect d, string column, bool autoincrement = true) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture,
            autoincrement || d is not SqliteDialect ? d.SerialKey : "{0} INTEGER PRIMARY KEY", column);
}
