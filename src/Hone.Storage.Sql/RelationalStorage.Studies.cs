using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Hone.Internal;
using Hone.Storages.Sql.Internal;

namespace Hone.Storages.Sql;

public sealed partial class RelationalStorage
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException">The name is longer than 512 characters.</exception>
    public override long CreateStudy(string name, IReadOnlyList<StudyDirection> directions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(directions);
        CheckName(name, "study name", nameof(name));
        string encoded = EncodeDirections(directions);
        try
        {
            return Run("CreateStudy", Access.Write, s => s.Insert(
                "INSERT INTO hone_studies (name, directions) VALUES (@name, @directions)", "study_id",
                ("@name", name), ("@directions", encoded)));
        }
        catch (DbException e) when (_dialect.IsUniqueViolation(e))
        {
            throw new DuplicateStudyException(
                $"A study named '{name}' already exists; set LoadIfExists = true to continue it, or pick another "
                + "name.",
                e);
        }
    }

    /// <inheritdoc />
    public override long? FindStudyId(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Run("FindStudyId", Access.Statement, s =>
            s.Scalar("SELECT study_id FROM hone_studies WHERE name = @name", ("@name", name)) is { } id
                ? Convert.ToInt64(id, CultureInfo.InvariantCulture)
                : (long?)null);
    }

    /// <inheritdoc />
    public override void DeleteStudy(long studyId) => Run("DeleteStudy", Access.Write, s =>
        s.Execute("DELETE FROM hone_studies WHERE study_id = @study", ("@study", studyId)) > 0
            ? true
            : throw StudyNotFound(studyId));

    /// <inheritdoc />
    public override string GetStudyName(long studyId) => Run("GetStudyName", Access.Statement, s =>
        StudyName(s, studyId));

    /// <inheritdoc />
    public override IReadOnlyList<StudyDirection> GetStudyDirections(long studyId) =>
        Run("GetStudyDirections", Access.Statement, s => Directions(s, studyId));

    /// <inheritdoc />
    public override IReadOnlyList<StudySummary> GetAllStudies() => Run("GetAllStudies", Access.Read, s =>
    {
        var studies = new List<(long Id, string Name, StudyDirection[] Directions, int Count)>();
        s.Query(
            "SELECT s.study_id, s.name, s.directions, "
            + "(SELECT COUNT(*) FROM hone_trials t WHERE t.study_id = s.study_id) "
            + "FROM hone_studies s ORDER BY s.study_id",
            r => studies.Add((r.GetInt64(0), r.GetString(1), DecodeDirections(r.GetString(2)),
                Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture))));
        var best = BestTrialIds(s, null, studies.ToDictionary(t => t.Id, t => t.Directions));
        return (IReadOnlyList<StudySummary>)[.. studies.Select(t => new StudySummary(
            t.Id, t.Name, t.Directions, t.Count,
            best.TryGetValue(t.Id, out long trialId) ? TrialReader.ReadOne(s, trialId) : null))];
    });

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The key is longer than 512 characters.</exception>
    public override void SetStudyUserAttribute(long studyId, string key, object? value) =>
        SetStudyAttribute(studyId, key, value, system: false);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The key is longer than 512 characters.</exception>
    public override void SetStudySystemAttribute(long studyId, string key, object? value) =>
        SetStudyAttribute(studyId, key, value, system: true);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetStudyUserAttributes(long studyId) =>
        GetStudyAttributes(studyId, system: false);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetStudySystemAttributes(long studyId) =>
        GetStudyAttributes(studyId, system: true);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The study has several objectives.</exception>
    public override FrozenTrial? FindBestTrial(long studyId) => Run("FindBestTrial", Access.Read, s =>
    {
        var directions = Directions(s, studyId);
        if (directions.Length != 1)
        {
            throw new InvalidOperationException(
                $"Study '{StudyName(s, studyId)}' has {directions.Length} objectives, so it has no single best "
                + "trial.");
        }

        return BestTrialIds(s, studyId, new() { [studyId] = directions }).TryGetValue(studyId, out long trialId)
            ? TrialReader.ReadOne(s, trialId)
            : null;
    });

    private void SetStudyAttribute(long studyId, string key, object? value, bool system)
    {
        ArgumentNullException.ThrowIfNull(key);
        CheckName(key, "study attribute key", nameof(key));
        string json = StorageJson.EncodeAttribute(AttributeValue.Normalize(value));
        Run("SetStudyAttribute", Access.Write, s =>
        {
            RequireStudy(s, studyId);
            return s.Execute(
                _dialect.Upsert("hone_study_attributes", "study_id, is_system, attr_key, value_json",
                    "@study, @system, @key, @value", "study_id, is_system, attr_key", "value_json"),
                ("@study", studyId), ("@system", system ? 1 : 0), ("@key", key), ("@value", json));
        });
    }

    private IReadOnlyDictionary<string, object?> GetStudyAttributes(long studyId, bool system) =>
        Run("GetStudyAttributes", Access.Read, s =>
        {
            var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
            s.Query(
                "SELECT attr_key, value_json FROM hone_study_attributes WHERE study_id = @study "
                + "AND is_system = @system ORDER BY attribute_id",
                r => attributes[r.GetString(0)] = StorageJson.DecodeAttribute(r.GetString(1)),
                ("@study", studyId), ("@system", system ? 1 : 0));
            if (attributes.Count == 0)
            {
                RequireStudy(s, studyId);
            }

            return (IReadOnlyDictionary<string, object?>)ReadOnlyMap<string, object?>.Own(attributes);
        });

    /// <summary>Finds the best feasible completed trial of each single-objective study, as the base class and the
    /// in-memory storage do: the first trial, in number order, that no later one beats.</summary>
    private static Dictionary<long, long> BestTrialIds(
        SqlSession s, long? studyId, Dictionary<long, StudyDirection[]> directions)
    {
        var best = new Dictionary<long, (long TrialId, double Value)>();
        void Consider(DbDataReader r)
        {
            long study = r.GetInt64(0);
            if (!directions.TryGetValue(study, out var direction) || direction.Length != 1
                || StorageJson.DecodeDoubles(r.IsDBNull(2) ? null : r.GetString(2)) is not [var value])
            {
                return;
            }

            if (!r.IsDBNull(3) && !Feasibility.IsFeasible(new Dictionary<string, object?>
                {
                    [Feasibility.ConstraintsKey] = StorageJson.DecodeAttribute(r.GetString(3)),
                }))
            {
                return;
            }

            if (!best.TryGetValue(study, out var incumbent) || IsBetter(value, incumbent.Value, direction[0]))
            {
                best[study] = (r.GetInt64(1), value);
            }
        }

        const string Select = "SELECT t.study_id, t.trial_id, t.values_json, a.value_json FROM hone_trials t "
            + "LEFT JOIN hone_trial_attributes a ON a.trial_id = t.trial_id AND a.is_system = 1 "
            + "AND a.attr_key = @constraints WHERE t.state = @complete";
        const string Order = " ORDER BY t.study_id, t.number";
        string complete = TrialStates.Name(TrialState.Complete);
        if (studyId is { } id)
        {
            s.Query(Select + " AND t.study_id = @study" + Order, Consider,
                ("@constraints", Feasibility.ConstraintsKey), ("@complete", complete), ("@study", id));
        }
        else
        {
            s.Query(Select + Order, Consider, ("@constraints", Feasibility.ConstraintsKey), ("@complete", complete));
        }

        return best.ToDictionary(p => p.Key, p => p.Value.TrialId);
    }

    private static void RequireStudy(SqlSession s, long studyId)
    {
        if (s.Scalar("SELECT 1 FROM hone_studies WHERE study_id = @study", ("@study", studyId)) is null)
        {
            throw StudyNotFound(studyId);
        }
    }

    private static string StudyName(SqlSession s, long studyId) =>
        s.Scalar("SELECT name FROM hone_studies WHERE study_id = @study", ("@study", studyId)) as string
        ?? throw StudyNotFound(studyId);

    private static StudyDirection[] Directions(SqlSession s, long studyId) =>
        s.Scalar("SELECT directions FROM hone_studies WHERE study_id = @study", ("@study", studyId)) is string json
            ? DecodeDirections(json)
            : throw StudyNotFound(studyId);

    private static string EncodeDirections(IReadOnlyList<StudyDirection> directions) => StorageJson.Encode(writer =>
    {
        writer.WriteStartArray();
        foreach (var direction in directions)
        {
            writer.WriteStringValue(direction == StudyDirection.Minimize ? "minimize" : "maximize");
        }

        writer.WriteEndArray();
    });

    private static StudyDirection[] DecodeDirections(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetString() switch
        {
            "minimize" => StudyDirection.Minimize,
            "maximize" => StudyDirection.Maximize,
            var other => throw new FormatException($"Unknown study direction '{other}' in the database."),
        })];
    }
}
