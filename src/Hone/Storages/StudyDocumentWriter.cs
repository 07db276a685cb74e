using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Hone.Distributions;

namespace Hone.Storages;

/// <summary>Writes a study document (see <see cref="StudyDocument"/>) in its one canonical form: fields in a fixed
/// order, trials by number, parameters in suggestion order, attributes by key, intermediate values by step.
/// </summary>
internal static class StudyDocumentWriter
{
    public const string Format = "hone.study";

    public const int Version = 1;

    /// <summary>The system attribute that marks a trial imported as failed because it was running.</summary>
    public const string ImportedRunningKey = "hone:imported_running";

    /// <summary>How deep the document nests at most: an attribute may nest 64 levels inside a trial's few.</summary>
    public const int MaxDepth = 128;

    public static void Write(TrialStorage storage, long studyId, Stream output)
    {
        string name = storage.GetStudyName(studyId);
        var directions = storage.GetStudyDirections(studyId);
        var userAttributes = storage.GetStudyUserAttributes(studyId);
        var systemAttributes = storage.GetStudySystemAttributes(studyId);
        var trials = storage.GetAllTrials(studyId);
        var compact = new ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(compact, StorageJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", Version);
            writer.WriteStartObject("study");
            writer.WriteString("name", name);
            writer.WriteStartArray("directions");
            foreach (var direction in directions)
            {
                writer.WriteStringValue(DirectionName(direction));
            }

            writer.WriteEndArray();
            WriteAttributes(writer, "userAttributes", userAttributes);
            WriteAttributes(writer, "systemAttributes", systemAttributes);
            writer.WriteEndObject();
            writer.WriteStartArray("trials");
            foreach (var trial in trials.OrderBy(t => t.Number))
            {
                WriteTrial(writer, trial);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        // Laid out over lines only now (see JsonIndenter), the same bytes on every platform, ending with a newline.
        var document = new ArrayBufferWriter<byte>(compact.WrittenCount * 2);
        JsonIndenter.Indent(compact.WrittenSpan, document, MaxDepth);
        document.Write("\n"u8);
        output.Write(document.WrittenSpan);
        output.Flush();
    }

    public static string DirectionName(StudyDirection direction) =>
        direction == StudyDirection.Minimize ? "minimize" : "maximize";

    /// <summary>Formats a time in UTC to the microsecond, the precision every storage keeps, so that a document
    /// reads the same whichever storage it was exported from.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        TruncateToMicroseconds(time).UtcDateTime.ToString(
            "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);

    private static void WriteTrial(Utf8JsonWriter writer, FrozenTrial trial)
    {
        writer.WriteStartObject();
        writer.WriteNumber("number", trial.Number);
        writer.WriteString("state", JournalTemplate.StateName(trial.State));
        writer.WritePropertyName("values");
        StorageJson.WriteDoubles(writer, trial.Values);
        WriteTime(writer, "startedAt", trial.StartedAt);
        WriteTime(writer, "completedAt", trial.CompletedAt);
        writer.WriteStartObject("params");
        foreach (var (name, value) in trial.Params)
        {
            writer.WritePropertyName(name);
            WriteParam(writer, value, trial.Distributions[name]);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("distributions");
        foreach (string name in trial.Params.Keys)
        {
            writer.WritePropertyName(name);
            StorageDistribution.Write(writer, trial.Distributions[name]);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("intermediateValues");
        foreach (var (step, value) in trial.IntermediateValues.OrderBy(p => p.Key))
        {
            writer.WritePropertyName(step.ToString(CultureInfo.InvariantCulture));
            StorageJson.WriteDouble(writer, value);
        }

        writer.WriteEndObject();
        WriteAttributes(writer, "userAttributes", trial.UserAttributes);
        WriteAttributes(writer, "systemAttributes", trial.SystemAttributes);
        writer.WriteEndObject();
    }

    /// <summary>Writes a parameter's value as user code saw it: a float as a number, an int as an integer, and a
    /// categorical choice typed as in the distribution's choices, so that 2, 2L, 2.0 and "2" stay apart.</summary>
    private static void WriteParam(Utf8JsonWriter writer, object? value, Distribution distribution)
    {
        switch (distribution)
        {
            case FloatDistribution:
                StorageJson.WriteDouble(writer, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case IntDistribution:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            default:
                StorageDistribution.WriteChoice(writer, value);
                break;
        }
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            writer.WriteString(name, FormatTime(t));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>Writes attributes sorted by key (ordinal), since storages list them in different orders; the
    /// values nested inside keep the order they were stored in.</summary>
    private static void WriteAttributes(
        Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, object?> attributes)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in attributes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(key);
            StorageJson.WriteAttribute(writer, value);
        }

        writer.WriteEndObject();
    }
}
