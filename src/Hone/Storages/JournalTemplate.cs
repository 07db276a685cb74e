using System.Globalization;
using System.Text.Json;
using Hone.Distributions;
using Hone.Internal;

namespace Hone.Storages;

/// <summary>Encodes the template of a <c>create_trial</c> record: the contents of an enqueued or added trial.
/// </summary>
/// <remarks>Parameters are kept as their internal value and distribution, so that a categorical choice comes back
/// with its own type and an out-of-range enqueued value keeps its distribution.</remarks>
internal static class JournalTemplate
{
    /// <exception cref="ArgumentException">A parameter has no value, or a value that its distribution cannot
    /// represent.</exception>
    public static void Write(Utf8JsonWriter writer, FrozenTrial template)
    {
        writer.WriteStartObject();
        writer.WriteString("state", StateName(template.State));
        writer.WritePropertyName("values");
        StorageJson.WriteDoubles(writer, template.Values);
        writer.WritePropertyName("started");
        StorageJson.WriteTime(writer, template.StartedAt);
        writer.WritePropertyName("completed");
        StorageJson.WriteTime(writer, template.CompletedAt);
        writer.WriteStartObject("params");
        foreach (var (name, distribution) in template.Distributions)
        {
            writer.WriteStartObject(name);
            writer.WritePropertyName("value");
            StorageJson.WriteDouble(writer, InternalValue(template, name, distribution));
            writer.WritePropertyName("distribution");
            StorageDistribution.Write(writer, distribution);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteStartObject("intermediate_values");
        foreach (var (step, value) in template.IntermediateValues)
        {
            writer.WritePropertyName(step.ToString(CultureInfo.InvariantCulture));
            StorageJson.WriteDouble(writer, value);
        }

        writer.WriteEndObject();
        writer.WritePropertyName("user_attrs");
        StorageJson.WriteAttribute(writer, AttributeValue.NormalizeAll(template.UserAttributes));
        writer.WritePropertyName("system_attrs");
        StorageJson.WriteAttribute(writer, AttributeValue.NormalizeAll(template.SystemAttributes));
        writer.WriteEndObject();
    }

    public static FrozenTrial Read(JsonElement element)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        var distributions = new Dictionary<string, Distribution>(StringComparer.Ordinal);
        foreach (var property in element.GetProperty("params").EnumerateObject())
        {
            var distribution = StorageDistribution.Read(property.Value.GetProperty("distribution"));
            parameters[property.Name] =
                distribution.ToExternal(StorageJson.ReadDouble(property.Value.GetProperty("value")));
            distributions[property.Name] = distribution;
        }

        var intermediateValues = new Dictionary<int, double>();
        foreach (var property in element.GetProperty("intermediate_values").EnumerateObject())
        {
            intermediateValues[int.Parse(property.Name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)]
                = StorageJson.ReadDouble(property.Value);
        }

        return new FrozenTrial
        {
            State = ReadState(element.GetProperty("state")),
            Values = StorageJson.ReadDoubles(element.GetProperty("values")),
            StartedAt = StorageJson.ReadTime(element.GetProperty("started")),
            CompletedAt = StorageJson.ReadTime(element.GetProperty("completed")),
            Params = parameters,
            Distributions = distributions,
            IntermediateValues = intermediateValues,
            UserAttributes = Attributes(element.GetProperty("user_attrs")),
            SystemAttributes = Attributes(element.GetProperty("system_attrs")),
        };
    }

    public static string StateName(TrialState state) => state switch
    {
        TrialState.Running => "running",
        TrialState.Complete => "complete",
        TrialState.Pruned => "pruned",
        TrialState.Fail => "fail",
        TrialState.Waiting => "waiting",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown trial state."),
    };

    public static TrialState ReadState(JsonElement element) => element.GetString() switch
    {
        "running" => TrialState.Running,
        "complete" => TrialState.Complete,
        "pruned" => TrialState.Pruned,
        "fail" => TrialState.Fail,
        "waiting" => TrialState.Waiting,
        var other => throw new FormatException($"Unknown trial state '{other}'."),
    };

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

    private static IReadOnlyDictionary<string, object?> Attributes(JsonElement element) =>
        StorageJson.ReadAttribute(element) as IReadOnlyDictionary<string, object?>
        ?? throw new FormatException("Trial attributes must be a JSON object.");
}
