using System.Collections.Frozen;
using System.Globalization;
using Hone.Distributions;
using Hone.Internal;

namespace Hone.Storages.Sql.Internal;

/// <summary>Reads trials into snapshots with four queries, whatever their number: the trials, then their
/// parameters, intermediate values and attributes, each joined to the same selection of trials.</summary>
/// <remarks>Run it inside a read transaction, so that the four queries see one snapshot of the database.</remarks>
internal static class TrialReader
{
    private const string TrialColumns =
        "t.trial_id, t.number, t.state, t.values_json, t.started_at, t.completed_at";

    /// <summary>Reads the trials that <paramref name="where"/> selects (a condition on the trials' alias
    /// <c>t</c>), in number order.</summary>
    public static List<FrozenTrial> Read(
        SqlSession s, string where, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var rows = new List<Row>();
        var byId = new Dictionary<long, Row>();
        s.Query($"SELECT {TrialColumns} FROM hone_trials t WHERE {where} ORDER BY t.number", r =>
        {
            var row = new Row
            {
                Id = r.GetInt64(0),
                Number = Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture),
                State = TrialStates.Parse(r.GetString(2)),
                Values = StorageJson.DecodeDoubles(r.IsDBNull(3) ? null : r.GetString(3)),
                StartedAt = r.IsDBNull(4) ? null : s.Dialect.ReadTime(r, 4),
                CompletedAt = r.IsDBNull(5) ? null : s.Dialect.ReadTime(r, 5),
            };
            rows.Add(row);
            byId.Add(row.Id, row);
        }, parameters);
        if (rows.Count == 0)
        {
            return [];
        }

        string join = $"JOIN hone_trials t ON t.trial_id = c.trial_id WHERE {where}";
        var distributions = new Dictionary<string, Distribution>(StringComparer.Ordinal);
        s.Query(
            "SELECT c.trial_id, c.param_name, c.internal_value, c.distribution_json FROM hone_trial_params c "
            + join + " ORDER BY c.trial_id, c.position",
            r =>
            {
                var row = byId[r.GetInt64(0)];
                string json = r.GetString(3);
                if (!distributions.TryGetValue(json, out var distribution))
                {
                    distribution = StorageDistribution.Decode(json);
                    distributions.Add(json, distribution);
                }

                string name = r.GetString(1);
                (row.Params ??= new(StringComparer.Ordinal))[name] =
                    distribution.ToExternal(StorageJson.ParseDouble(r.GetString(2)));
                (row.Distributions ??= new(StringComparer.Ordinal))[name] = distribution;
            },
            parameters);
        s.Query(
            "SELECT c.trial_id, c.step, c.value_text FROM hone_trial_intermediate_values c "
            + join + " ORDER BY c.trial_id, c.value_id",
            r => (byId[r.GetInt64(0)].IntermediateValues ??= [])[
                Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture)] = StorageJson.ParseDouble(r.GetString(2)),
            parameters);
        s.Query(
            "SELECT c.trial_id, c.is_system, c.attr_key, c.value_json FROM hone_trial_attributes c "
            + join + " ORDER BY c.trial_id, c.attribute_id",
            r =>
            {
                var row = byId[r.GetInt64(0)];
                bool system = Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture) != 0;
                var attributes = system
                    ? row.SystemAttributes ??= new(StringComparer.Ordinal)
                    : row.UserAttributes ??= new(StringComparer.Ordinal);
                attributes[r.GetString(2)] = StorageJson.DecodeAttribute(r.GetString(3));
            },
            parameters);
        return rows.ConvertAll(r => r.Snapshot());
    }

    /// <summary>Reads one trial.</summary>
    /// <exception cref="KeyNotFoundException">There is no such trial.</exception>
    public static FrozenTrial ReadOne(SqlSession s, long trialId) =>
        Read(s, "t.trial_id = @trial", ("@trial", trialId)) is [var trial]
            ? trial
            : throw new KeyNotFoundException($"No trial with id {trialId} exists in this storage.");

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
