using System.Buffers;
using System.Text.Json;
using Hone.Distributions;

namespace Hone.Storages;

/// <summary>Encodes each change to a storage as one line of the journal, and applies such a line to a
/// <see cref="StorageState"/>.</summary>
/// <remarks>
/// A record is a JSON object on one line, ended by <c>'\n'</c>, whose <c>op</c> names the change:
/// <c>create_study</c>, <c>delete_study</c>, <c>set_study_user_attr</c>, <c>set_study_system_attr</c>,
/// <c>create_trial</c>, <c>claim_trial</c>, <c>set_trial_param</c>, <c>set_trial_state</c>,
/// <c>set_trial_intermediate_value</c>, <c>set_trial_user_attr</c>, <c>set_trial_system_attr</c>, <c>heartbeat</c>
/// and <c>fail_stale_trials</c> (<c>create_trial</c> and <c>claim_trial</c> may carry <c>"heartbeat": true</c>, the
/// trial's first heartbeat at the record's time); a
/// <c>format</c> record states the version of the format. Studies and trials are referred to by identifiers that
/// come from the order of the records, and every record that depends on the time carries the writer's clock, so
/// replaying the same lines gives the same state in every process. Values are encoded by <see cref="StorageJson"/>.
/// </remarks>
internal static class JournalRecords
{
    /// <summary>The version of the format that this code writes and reads.</summary>
    public const int FormatVersion = 1;

    public static byte[] Format() => Encode("format", w => w.WriteNumber("version", FormatVersion));

    public static byte[] CreateStudy(string name, IReadOnlyList<StudyDirection> directions) =>
        Encode("create_study", w =>
        {
            w.WriteString("name", name);
            w.WriteStartArray("directions");
            foreach (var direction in directions)
            {
                w.WriteStringValue(direction == StudyDirection.Minimize ? "minimize" : "maximize");
            }

            w.WriteEndArray();
        });

    public static byte[] DeleteStudy(long studyId) => Encode("delete_study", w => w.WriteNumber("study", studyId));

    public static byte[] SetStudyAttribute(long studyId, string key, object? normalized, bool system) =>
        Encode(system ? "set_study_system_attr" : "set_study_user_attr", w =>
        {
            w.WriteNumber("study", studyId);
            w.WriteString("key", key);
            w.WritePropertyName("value");
            StorageJson.WriteAttribute(w, normalized);
        });

    public static byte[] CreateTrial(long studyId, FrozenTrial? template, DateTimeOffset now, bool heartbeat = false) =>
        Encode("create_trial", w =>
        {
            w.WriteNumber("study", studyId);
            w.WritePropertyName("time");
            StorageJson.WriteTime(w, now);
            if (heartbeat)
            {
                w.WriteBoolean("heartbeat", true);
            }

            if (template is not null)
            {
                w.WritePropertyName("trial");
                JournalTemplate.Write(w, template);
            }
        });

    public static byte[] ClaimTrial(long trialId, DateTimeOffset now, bool heartbeat = false) =>
        Encode("claim_trial", w =>
        {
            w.WriteNumber("trial", trialId);
            w.WritePropertyName("time");
            StorageJson.WriteTime(w, now);
            if (heartbeat)
            {
                w.WriteBoolean("heartbeat", true);
            }
        });

    public static byte[] Heartbeat(long trialId, DateTimeOffset now) => Encode("heartbeat", w =>
    {
        w.WriteNumber("trial", trialId);
        w.WritePropertyName("time");
        StorageJson.WriteTime(w, now);
    });

    public static byte[] FailStaleTrials(long studyId, DateTimeOffset now, TimeSpan gracePeriod) =>
        Encode("fail_stale_trials", w =>
        {
            w.WriteNumber("study", studyId);
            w.WritePropertyName("time");
            StorageJson.WriteTime(w, now);
            w.WriteNumber("grace_ticks", gracePeriod.Ticks);
        });

    public static byte[] SetTrialParameter(
        long trialId, string name, double internalValue, Distribution distribution) =>
        Encode("set_trial_param", w =>
        {
            w.WriteNumber("trial", trialId);
            w.WriteString("name", name);
            w.WritePropertyName("value");
            StorageJson.WriteDouble(w, internalValue);
            w.WritePropertyName("distribution");
            StorageDistribution.Write(w, distribution);
        });

    public static byte[] SetTrialState(
        long trialId, TrialState state, IReadOnlyList<double>? values, DateTimeOffset now) =>
        Encode("set_trial_state", w =>
        {
            w.WriteNumber("trial", trialId);
            w.WriteString("state", JournalTemplate.StateName(state));
            w.WritePropertyName("values");
            StorageJson.WriteDoubles(w, values);
            w.WritePropertyName("time");
            StorageJson.WriteTime(w, now);
        });

    public static byte[] SetTrialIntermediateValue(long trialId, int step, double value) =>
        Encode("set_trial_intermediate_value", w =>
        {
            w.WriteNumber("trial", trialId);
            w.WriteNumber("step", step);
            w.WritePropertyName("value");
            StorageJson.WriteDouble(w, value);
        });

    public static byte[] SetTrialAttribute(long trialId, string key, object? normalized, bool system) =>
        Encode(system ? "set_trial_system_attr" : "set_trial_user_attr", w =>
        {
            w.WriteNumber("trial", trialId);
            w.WriteString("key", key);
            w.WritePropertyName("value");
            StorageJson.WriteAttribute(w, normalized);
        });

    /// <summary>Applies one record to the state and returns what the change produced: a study identifier for
    /// <c>create_study</c>, a snapshot for the trial changes that return one, or <see langword="null"/>.</summary>
    /// <exception cref="FormatException">The record is not one this code knows.</exception>
    /// <exception cref="HoneException">The change breaks the storage contract (for example a duplicate study).
    /// </exception>
    public static object? Apply(StorageState state, JsonElement record)
    {
        string? op = record.GetProperty("op").GetString();
        switch (op)
        {
            case "create_study":
                return state.CreateStudy(
                    record.GetProperty("name").GetString()!,
                    [.. record.GetProperty("directions").EnumerateArray().Select(ReadDirection)]);
            case "delete_study":
                state.DeleteStudy(record.GetProperty("study").GetInt64());
                return null;
            case "set_study_user_attr" or "set_study_system_attr":
                state.SetStudyAttribute(
                    record.GetProperty("study").GetInt64(),
                    record.GetProperty("key").GetString()!,
                    StorageJson.ReadAttribute(record.GetProperty("value")),
                    system: op == "set_study_system_attr");
                return null;
            case "create_trial":
                return WithHeartbeat(state, record, state.CreateTrial(
                    record.GetProperty("study").GetInt64(),
                    record.TryGetProperty("trial", out var template) ? JournalTemplate.Read(template) : null,
                    Time(record)));
            case "claim_trial":
                return WithHeartbeat(
                    state, record, state.ClaimTrial(record.GetProperty("trial").GetInt64(), Time(record)));
            case "fail_stale_trials":
                return state.FailStaleTrials(
                    record.GetProperty("study").GetInt64(),
                    Time(record),
                    TimeSpan.FromTicks(record.GetProperty("grace_ticks").GetInt64()));
            default:
                return ApplyTrialChange(state, op, record);
        }
    }

    private static FrozenTrial? ApplyTrialChange(StorageState state, string? op, JsonElement record)
    {
        long trialId = record.GetProperty("trial").GetInt64();
        switch (op)
        {
            case "set_trial_param":
                var distribution = StorageDistribution.Read(record.GetProperty("distribution"));
                double internalValue = StorageJson.ReadDouble(record.GetProperty("value"));
                state.SetTrialParameter(
                    trialId, record.GetProperty("name").GetString()!, distribution.ToExternal(internalValue),
                    distribution);
                return null;
            case "set_trial_state":
                return state.SetTrialState(
                    trialId,
                    JournalTemplate.ReadState(record.GetProperty("state")),
                    StorageJson.ReadDoubles(record.GetProperty("values")),
                    Time(record));
            case "heartbeat":
                state.RecordHeartbeat(trialId, Time(record));
                return null;
            case "set_trial_intermediate_value":
                state.SetTrialIntermediateValue(
                    trialId, record.GetProperty("step").GetInt32(),
                    StorageJson.ReadDouble(record.GetProperty("value")));
                return null;
            case "set_trial_user_attr" or "set_trial_system_attr":
                state.SetTrialAttribute(
                    trialId,
                    record.GetProperty("key").GetString()!,
                    StorageJson.ReadAttribute(record.GetProperty("value")),
                    system: op == "set_trial_system_attr");
                return null;
            default:
                throw new FormatException($"Unknown journal operation '{op}'.");
        }
    }

    /// <summary>Records the first heartbeat of a trial that a record started, when the record asks for it.</summary>
    private static FrozenTrial WithHeartbeat(StorageState state, JsonElement record, FrozenTrial trial)
    {
        if (record.TryGetProperty("heartbeat", out var heartbeat) && heartbeat.GetBoolean())
        {
            state.RecordHeartbeat(trial.TrialId, Time(record));
        }

        return trial;
    }

    private static DateTimeOffset Time(JsonElement record) =>
        StorageJson.ReadTime(record.GetProperty("time")) ?? throw new FormatException("The record has no time.");

    private static StudyDirection ReadDirection(JsonElement element) => element.GetString() switch
    {
        "minimize" => StudyDirection.Minimize,
        "maximize" => StudyDirection.Maximize,
        var other => throw new FormatException($"Unknown study direction '{other}'."),
    };

    private static byte[] Encode(string op, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, StorageJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("op", op);
            body(writer);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
