using System.Globalization;
using System.Text.Json;
using Hone.Distributions;
using Hone.Internal;

namespace Hone.Storages;

internal sealed partial class StudyDocumentReader
{
    private static readonly string[] TrialFields =
    [
        "number", "state", "values", "startedAt", "completedAt", "params", "distributions", "intermediateValues",
        "userAttributes", "systemAttributes",
    ];

    private static readonly string[] TimeFormats =
        ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz"];

    private (FrozenTrial Template, bool WasRunning) ReadTrial(JsonElement trial, int index)
    {
        string path = StudyDocumentPath.Item("$.trials", index);
        RequireKind(trial, path, JsonValueKind.Object);
        OnlyFields(trial, path, TrialFields);
        var numberElement = Field(trial, path, "number");
        if (numberElement.ValueKind != JsonValueKind.Number || !numberElement.TryGetInt32(out int number))
        {
            throw Error(path + ".number", $"must be an integer, but is {Describe(numberElement)}.");
        }

        if (number != index)
        {
            throw Error(path + ".number", string.Create(CultureInfo.InvariantCulture,
                $"trial numbers must run 0, 1, 2, ... in document order, so this trial's number must be {index}, "
                + $"but is {number}."));
        }

        var state = ReadState(Field(trial, path, "state"), path + ".state");
        var values = ReadValues(Field(trial, path, "values"), path + ".values", state);
        var startedAt = ReadTime(Field(trial, path, "startedAt"), path + ".startedAt");
        var completedAt = ReadTime(Field(trial, path, "completedAt"), path + ".completedAt");
        CheckTimes(state, startedAt, completedAt, path);
        var (parameters, distributions) = ReadParams(trial, path, number);
        var intermediateValues =
            ReadIntermediateValues(Field(trial, path, "intermediateValues"), path + ".intermediateValues");
        var userAttributes = ReadAttributes(Field(trial, path, "userAttributes"), path + ".userAttributes");
        var systemAttributes = ReadAttributes(Field(trial, path, "systemAttributes"), path + ".systemAttributes");
        bool wasRunning = state == TrialState.Running;
        if (wasRunning)
        {
            // No worker will ever finish a trial that was running elsewhere, so it arrives failed, and marked.
            state = TrialState.Fail;
            systemAttributes[StudyDocumentWriter.ImportedRunningKey] = true;
        }

        return (new FrozenTrial
        {
            State = state,
            Values = values,
            StartedAt = startedAt,
            CompletedAt = completedAt,
            Params = parameters,
            Distributions = distributions,
            IntermediateValues = intermediateValues,
            UserAttributes = userAttributes,
            SystemAttributes = systemAttributes,
        }, wasRunning);
    }

    private TrialState ReadState(JsonElement element, string path)
    {
        try
        {
            return element.ValueKind == JsonValueKind.String
                ? JournalTemplate.ReadState(element)
                : throw new FormatException();
        }
        catch (FormatException e)
        {
            throw Error(path, "must be one of \"complete\", \"pruned\", \"fail\", \"running\", \"waiting\", but is "
                + $"{Describe(element)}.", e);
        }
    }

    private double[]? ReadValues(JsonElement element, string path, TrialState state)
    {
        string stateName = JournalTemplate.StateName(state);
        if (element.ValueKind == JsonValueKind.Null)
        {
            return state == TrialState.Complete
                ? throw Error(path, string.Create(CultureInfo.InvariantCulture,
                    $"a complete trial needs one value per direction ({_directions.Count}), but values is null."))
                : null;
        }

        RequireKind(element, path, JsonValueKind.Array);
        if (state is not (TrialState.Complete or TrialState.Pruned))
        {
            throw Error(path, $"a {stateName} trial has no values, so this must be null, but is {Describe(element)}.");
        }

        var values = new double[element.GetArrayLength()];
        if (values.Length != _directions.Count)
        {
            throw Error(path, string.Create(CultureInfo.InvariantCulture,
                $"a {stateName} trial needs one value per direction of the study ({_directions.Count}), but has "
                + $"{values.Length}: {Describe(element)}."));
        }

        for (int i = 0; i < values.Length; i++)
        {
            string itemPath = StudyDocumentPath.Item(path, i);
            values[i] = ReadNumber(element[i], itemPath);
            if (double.IsNaN(values[i]))
            {
                throw Error(itemPath, $"the values of a {stateName} trial may not be NaN, but this one is \"NaN\"; "
                    + "a trial whose objective gave NaN is a failed trial.");
            }
        }

        return values;
    }

    private DateTimeOffset? ReadTime(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String && DateTimeOffset.TryParseExact(element.GetString(),
                TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return StudyDocumentWriter.TruncateToMicroseconds(time);
        }

        throw Error(path, "must be null or an ISO 8601 time with its offset, such as "
            + $"\"2026-01-31T12:00:00.000000Z\", but is {Describe(element)}.");
    }

    private void CheckTimes(TrialState state, DateTimeOffset? startedAt, DateTimeOffset? completedAt, string path)
    {
        if (state == TrialState.Waiting && startedAt is not null)
        {
            throw Error(path + ".startedAt", "a waiting trial has not started, so this must be null, but is "
                + $"\"{StudyDocumentWriter.FormatTime(startedAt.Value)}\".");
        }

        if (state is TrialState.Waiting or TrialState.Running && completedAt is not null)
        {
            throw Error(path + ".completedAt", $"a {JournalTemplate.StateName(state)} trial has not finished, so "
                + $"this must be null, but is \"{StudyDocumentWriter.FormatTime(completedAt.Value)}\".");
        }
    }

    private (Dictionary<string, object?> Params, Dictionary<string, Distribution> Distributions) ReadParams(
        JsonElement trial, string path, int number)
    {
        var paramsElement = Field(trial, path, "params");
        var distributionsElement = Field(trial, path, "distributions");
        RequireKind(paramsElement, path + ".params", JsonValueKind.Object);
        RequireKind(distributionsElement, path + ".distributions", JsonValueKind.Object);
        foreach (var property in distributionsElement.EnumerateObject())
        {
            if (!paramsElement.TryGetProperty(property.Name, out _))
            {
                throw Error(StudyDocumentPath.Child(path + ".distributions", property.Name),
                    $"parameter \"{property.Name}\" has a distribution but no value in {path}.params; give both.");
            }
        }

        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        var distributions = new Dictionary<string, Distribution>(StringComparer.Ordinal);
        foreach (var property in paramsElement.EnumerateObject())
        {
            string valuePath = StudyDocumentPath.Child(path + ".params", property.Name);
            string distributionPath = StudyDocumentPath.Child(path + ".distributions", property.Name);
            if (!distributionsElement.TryGetProperty(property.Name, out var distributionElement))
            {
                throw Error(valuePath, $"parameter \"{property.Name}\" has a value but no distribution in "
                    + $"{path}.distributions; give both.");
            }

            var distribution = ReadDistribution(distributionElement, distributionPath);
            CheckCompatible(property.Name, distribution, distributionPath, number);
            parameters[property.Name] = ReadParam(property.Value, valuePath, distribution);
            distributions[property.Name] = distribution;
        }

        return (parameters, distributions);
    }

    /// <summary>Refuses, before anything is written, a parameter whose distribution conflicts with the one it had
    /// in an earlier trial, which the storage would refuse in the middle of the import.</summary>
    private void CheckCompatible(string name, Distribution distribution, string path, int number)
    {
        if (!_firstUse.TryGetValue(name, out var first))
        {
            _firstUse[name] = (distribution, number);
        }
        else if (first.Distribution.FindIncompatibility(distribution) is { } reason)
        {
            throw Error(path, string.Create(CultureInfo.InvariantCulture,
                $"parameter \"{name}\" conflicts with its distribution in trial {first.TrialNumber}: {reason}; "
                + $"within a study a parameter keeps its kind, log flag and categorical choices (only a numeric "
                + $"range may change)."));
        }
    }

    /// <summary>Reads a parameter's value as its distribution types it, and checks that the distribution can hold
    /// it. A value outside the range is accepted, as Hone stores one when an enqueued value lies outside.</summary>
    private object? ReadParam(JsonElement element, string path, Distribution distribution)
    {
        object? value = distribution switch
        {
            // A float parameter is never NaN or infinite: no suggestion, enqueued value or added trial can be.
            FloatDistribution => ReadNumber(element, path) is var number && double.IsFinite(number)
                ? number
                : throw Error(path, $"a float parameter must be finite, but is {Describe(element)}."),
            IntDistribution => ReadInteger(element, path),
            CategoricalDistribution categorical => FindChoice(categorical, ReadChoice(element, path), path),
            _ => throw new InvalidOperationException($"Unknown distribution {distribution}."),
        };
        try
        {
            distribution.ToInternal(value);
        }
        catch (ArgumentException e)
        {
            throw Error(path, $"does not fit its distribution {distribution}: {Errors.MessageOf(e)}", e);
        }

        return value;
    }

    private Dictionary<int, double> ReadIntermediateValues(JsonElement element, string path)
    {
        RequireKind(element, path, JsonValueKind.Object);
        var values = new Dictionary<int, double>();
        foreach (var property in element.EnumerateObject())
        {
            string stepPath = StudyDocumentPath.Child(path, property.Name);
            if (!int.TryParse(property.Name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
                    out int step) || step.ToString(CultureInfo.InvariantCulture) != property.Name)
            {
                throw Error(stepPath, "a step must be an integer written plainly (such as \"3\" or \"-1\"), but is "
                    + $"\"{property.Name}\".");
            }

            values[step] = ReadNumber(property.Value, stepPath);
        }

        return values;
    }

    private long ReadInteger(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out long value)
            ? value
            : throw Error(path, $"must be an integer, but is {Describe(element)}.");

    private bool ReadBoolean(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error(path, $"must be true or false, but is {Describe(element)}."),
    };
}
