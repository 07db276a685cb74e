using System.Collections.Frozen;
using System.Data.Common;
using System.Globalization;
using Hone.Distributions;
using Hone.Internal;

namespace Hone.Storages.Sql.Internal;

/// <summary>Reads trials into snapshots with four queries, whatever their number: the trials, then their
/// parameters, intermediate values and attributes, each joined to the same selection of trials.</summary>
/// <remarks>Run it inside a read transaction, so that the four queries see one snapshot of the database.</remarks>
internal static class TrialReader
{
    /// <summary>The columns of a trial's row, unqualified (SQLite's RETURNING takes no others), in the order
    /// <see cref="ReadRow"/> reads them.</summary>
    public const string TrialColumnNames = "trial_id, number, state, values_json, started_at, completed_at";

    private const string TrialColumns =
        "t.trial_id, t.number, t.state, t.values_json, t.started_at, t.completed_at";

    private const string ParamColumns =
        "SELECT c.trial_id, c.param_name, c.internal_value, c.distribution_json FROM hone_trial_params c ";

    private const string IntermediateValueColumns =
        "SELECT c.trial_id, c.step, c.value_text FROM hone_trial_intermediate_values c ";

    private const string AttributeColumns =
        "SELECT c.trial_id, c.is_system, c.attr_key, c.value_json FROM hone_trial_attributes c ";

    // The queries of one trial's parameters, intermediate values and attributes, in the order Contents reads them.
    private const string OneTrialContents =
        ParamColumns + "WHERE c.trial_id = @trial ORDER BY c.position; "
        + IntermediateValueColumns + "WHERE c.trial_id = @trial ORDER BY c.value_id; "
        + AttributeColumns + "WHERE c.trial_id = @trial ORDER BY c.attribute_id";

    /// <summary>Reads the trials that <paramref name="where"/> selects (a condition on the trials' alias
    /// <c>t</c>), in number order.</summary>
    public static List<FrozenTrial> Read(
        SqlSession s, string where, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var rows = new List<Row>();
        var byId = new Dictionary<long, Row>();
        s.Query($"SELECT {TrialColumns} FROM hone_trials t WHERE {where} ORDER BY t.number", r =>
        {
            var row = ReadRow(s.Dialect, r);
            rows.Add(row);
            byId.Add(row.Id, row);
        }, parameters);
        if (rows.Count == 0)
        {
            return [];
        }

        string join = $"JOIN hone_trials t ON t.trial_id = c.trial_id WHERE {where}";
        var contents = new Contents(byId);
        s.Query(ParamColumns + join + " ORDER BY c.trial_id, c.position", contents.AddParam, parameters);
        s.Query(IntermediateValueColumns + join + " ORDER BY c.trial_id, c.value_id", contents.AddIntermediateValue,
            parameters);
        s.Query(AttributeColumns + join + " ORDER BY c.trial_id, c.attribute_id", contents.AddAttribute, parameters);
        return rows.ConvertAll(r => r.Snapshot());
    }

    /// <summary>Reads one trial.</summary>
    /// <exception cref="KeyNotFoundException">There is no such trial.</exception>
    public static FrozenTrial ReadOne(SqlSession s, long trialId) =>
        Read(s, "t.trial_id = @trial", ("@trial", trialId)) is [var trial]
            ? trial
            : throw new KeyNotFoundException($"No trial with id {trialId} exists in this storage.");

    /// <summary>Reads one trial with one statement, and so in one round trip and without a transaction: the union
    /// of its row and its contents, which one statement reads from one snapshot on every engine.</summary>
    /// <returns>The trial, or <see langword="null"/> when there is no such trial.</returns>
    public static FrozenTrial? ReadOneAtOnce(SqlSession s, long trialId)
    {
        // Columns: kind (0 the trial, 1 a parameter, 2 an intermediate value, 3 an attribute), order within the
        // kind, an integer, two texts, a third text, two timestamps.
        const string Sql =
            "SELECT 0 AS kind, 0 AS ord, number AS i, state AS a, values_json AS b, NULL AS c, started_at AS s, "
            + "completed_at AS e FROM hone_trials WHERE trial_id = @trial "
            + "UNION ALL SELECT 1, position, NULL, param_name, internal_value, distribution_json, NULL, NULL "
            + "FROM hone_trial_params WHERE trial_id = @trial "
            + "UNION ALL SELECT 2, value_id, step, NULL, value_text, NULL, NULL, NULL "
            + "FROM hone_trial_intermediate_values WHERE trial_id = @trial "
            + "UNION ALL SELECT 3, attribute_id, is_system, attr_key, value_json, NULL, NULL, NULL "
            + "FROM hone_trial_attributes WHERE trial_id = @trial "
            + "ORDER BY kind, ord";
        Row? row = null;
        var contents = new Contents([]);
        s.Query(Sql, r =>
        {
            int kind = Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture);
            if (kind == 0)
            {
                row = new Row
                {
                    Id = trialId,
                    Number = Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture),
                    State = TrialStates.Parse(r.GetString(3)),
                    Values = StorageJson.DecodeDoubles(r.IsDBNull(4) ? null : r.GetString(4)),
                    StartedAt = r.IsDBNull(6) ? null : s.Dialect.ReadTime(r, 6),
                    CompletedAt = r.IsDBNull(7) ? null : s.Dialect.ReadTime(r, 7),
                };
            }
            else if (row is not null)
            {
                switch (kind)
                {
                    case 1:
                        contents.Param(row, r.GetString(3), r.GetString(4), r.GetString(5));
                        break;
                    case 2:
                        Contents.IntermediateValue(
                            row, Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture), r.GetString(4));
                        break;
                    default:
                        Contents.Attribute(row, Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture) != 0,
                            r.GetString(3), r.GetString(4));
                        break;
                }
            }
        }, ("@trial", trialId));
        return row?.Snapshot();
    }

    /// <summary>Runs, in one command and so in one round trip, <paramref name="first"/> (statements whose last
    /// result gives the <see cref="TrialColumnNames"/> of the trial <c>@trial</c>, or no row) and then the queries of
    /// the trial's contents, and returns the trial, or <see langword="null"/> when the first gave no row.</summary>
    /// <remarks>The caller makes sure the contents cannot change between the statements: the trial is finished,
    /// or its row stays locked until the command's transaction ends.</remarks>
    public static FrozenTrial? ReadAfter(
        SqlSession s, string first, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = s.Command(first + "; " + OneTrialContents, parameters);
        using var reader = command.ExecuteReader();
        SkipToRows(reader);
        if (!reader.Read())
        {
            return null;
        }

        var row = ReadRow(s.Dialect, reader);
        var contents = new Contents(new Dictionary<long, Row> { [row.Id] = row });
        foreach (var add in (Action<DbDataReader>[])[contents.AddParam, contents.AddIntermediateValue,
                     contents.AddAttribute])
        {
            NextRows(reader);
            while (reader.Read())
            {
                add(reader);
            }
        }

        return row.Snapshot();
    }

    /// <summary>Returns the snapshot of a trial that has nothing but its state and times, without reading it.
    /// </summary>
    public static FrozenTrial Empty(
        long trialId, int number, TrialState state, DateTimeOffset? startedAt, DateTimeOffset? completedAt) => new()
        {
            TrialId = trialId,
            Number = number,
            State = state,
            StartedAt = startedAt,
            CompletedAt = completedAt,
        };

    private static Row ReadRow(SqlDialect dialect, DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Number = Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture),
        State = TrialStates.Parse(r.GetString(2)),
        Values = StorageJson.DecodeDoubles(r.IsDBNull(3) ? null : r.GetString(3)),
        StartedAt = r.IsDBNull(4) ? null : dialect.ReadTime(r, 4),
        CompletedAt = r.IsDBNull(5) ? null : dialect.ReadTime(r, 5),
    };

    /// <summary>Moves to the next result of a command that has rows to read (the drivers differ in whether they
    /// count the results of statements that return none, an UPDATE's, as results).</summary>
    private static void NextRows(DbDataReader reader)
    {
        if (!reader.NextResult())
        {
            throw new InvalidOperationException("A command of the relational storage gave fewer results than asked.");
        }

        SkipToRows(reader);
    }

    private static void SkipToRows(DbDataReader reader)
    {
        while (reader.FieldCount == 0)
        {
            if (!reader.NextResult())
            {
                throw new InvalidOperationException("A command of the relational storage gave no rows to read.");
            }
        }
    }

    /// <summary>Adds the rows of the contents queries to the trials they belong to.</summary>
    private sealed class Contents(Dictionary<long, Row> byId)
    {
        private readonly Dictionary<string, Distribution> _distributions = new(StringComparer.Ordinal);

        public void AddParam(DbDataReader r) =>
            Param(byId[r.GetInt64(0)], r.GetString(1), r.GetString(2), r.GetString(3));

        public void AddIntermediateValue(DbDataReader r) => IntermediateValue(byId[r.GetInt64(0)],
            Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture), r.GetString(2));

        public void AddAttribute(DbDataReader r) => Attribute(byId[r.GetInt64(0)],
            Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture) != 0, r.GetString(2), r.GetString(3));

        public void Param(Row row, string name, string value, string json)
        {
            if (!_distributions.TryGetValue(json, out var distribution))
            {
                distribution = StorageDistribution.Decode(json);
                _distributions.Add(json, distribution);
            }

            (row.Params ??= new(StringComparer.Ordinal))[name] =
                distribution.ToExternal(StorageJson.ParseDouble(value));
            (row.Distributions ??= new(StringComparer.Ordinal))[name] = distribution;
        }

        public static void IntermediateValue(Row row, int step, string value) =>
            (row.IntermediateValues ??= [])[step] = StorageJson.ParseDouble(value);

        public static void Attribute(Row row, bool system, string key, string json)
        {
            var attributes = system
                ? row.SystemAttributes ??= new(StringComparer.Ordinal)
                : row.UserAttributes ??= new(StringComparer.Ordinal);
            attributes[key] = StorageJson.DecodeAttribute(json);
        }
    }

    private sealed class Row
    {
        public long Id { get; init; }

        public int Number { get; init; }

        public TrialState State { get; init; }

        public double[]? Values { get; init; }

        public DateTimeOffset? StartedAt { get; init; }

        public DateTimeOffset? CompletedAt { get; init; }

        public Dictionary<string, object?>? Params { get; set; }

        public Dictionary<string, Distribution>? Distributions { get; set; }

        public Dictionary<int, double>? IntermediateValues { get; set; }

        public Dictionary<string, object?>? UserAttributes { get; set; }

        public Dictionary<string, object?>? SystemAttributes { get; set; }

        public FrozenTrial Snapshot() => new(
            ReadOnlyCopy.Of(Values),
            Own(Params),
            Own(Distributions),
            Own(IntermediateValues),
            Own(UserAttributes),
            Own(SystemAttributes))
        {
            Number = Number,
            TrialId = Id,
            State = State,
            StartedAt = StartedAt,
            CompletedAt = CompletedAt,
        };

        private static IReadOnlyDictionary<TKey, TValue> Own<TKey, TValue>(Dictionary<TKey, TValue>? owned)
            where TKey : notnull =>
            owned is null ? FrozenDictionary<TKey, TValue>.Empty : ReadOnlyMap<TKey, TValue>.Own(owned);
    }
}
