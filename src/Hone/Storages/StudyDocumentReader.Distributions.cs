using System.Text.Json;
using Hone.Distributions;
using Hone.Internal;

namespace Hone.Storages;

internal sealed partial class StudyDocumentReader
{
    private static readonly string[] RangeFields = ["type", "low", "high", "log", "step"];
    private static readonly string[] CategoricalFields = ["type", "choices"];

    /// <summary>Reads a distribution in the storages' encoding (see <see cref="StorageDistribution"/>), field by
    /// field so that an error names the field, and lets the distribution's constructor judge the values.</summary>
    private Distribution ReadDistribution(JsonElement element, string path)
    {
        RequireKind(element, path, JsonValueKind.Object);
        var type = Field(element, path, "type");
        string? kind = type.ValueKind == JsonValueKind.String ? type.GetString() : null;
        if (kind is not ("float" or "int" or "categorical"))
        {
            throw Error(path + ".type", $"must be \"float\", \"int\" or \"categorical\", but is {Describe(type)}.");
        }

        OnlyFields(element, path, kind == "categorical" ? CategoricalFields : RangeFields);
        try
        {
            return kind switch
            {
                "float" => new FloatDistribution(
                    ReadNumber(Field(element, path, "low"), path + ".low"),
                    ReadNumber(Field(element, path, "high"), path + ".high"),
                    ReadBoolean(Field(element, path, "log"), path + ".log"),
                    Field(element, path, "step") is { ValueKind: not JsonValueKind.Null } step
                        ? ReadNumber(step, path + ".step")
                        : null),
                "int" => new IntDistribution(
                    ReadInteger(Field(element, path, "low"), path + ".low"),
                    ReadInteger(Field(element, path, "high"), path + ".high"),
                    ReadBoolean(Field(element, path, "log"), path + ".log"),
                    ReadInteger(Field(element, path, "step"), path + ".step")),
                _ => new CategoricalDistribution(ReadChoices(Field(element, path, "choices"), path + ".choices")),
            };
        }
        catch (ArgumentException e)
        {
            throw Error(path, $"is not a valid {kind} distribution: {Errors.MessageOf(e)}", e);
        }
    }

    private List<object?> ReadChoices(JsonElement element, string path)
    {
        RequireKind(element, path, JsonValueKind.Array);
        var choices = new List<object?>();
        foreach (var item in element.EnumerateArray())
        {
            choices.Add(ReadChoice(item, StudyDocumentPath.Item(path, choices.Count)));
        }

        return choices;
    }

    /// <summary>Reads a typed categorical choice: a string, a boolean or null as itself, a number as
    /// <c>{"int": 2}</c>, <c>{"long": 2}</c> or <c>{"double": 2.0}</c>.</summary>
    private object? ReadChoice(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.True or JsonValueKind.False:
                return element.GetBoolean();
            case JsonValueKind.Object:
                using (var properties = element.EnumerateObject())
                {
                    if (properties.MoveNext() && properties.Current is var only && !properties.MoveNext())
                    {
                        string typedPath = StudyDocumentPath.Child(path, only.Name);
                        switch (only.Name)
                        {
                            case "int":
                                return only.Value.ValueKind == JsonValueKind.Number
                                    && only.Value.TryGetInt32(out int i)
                                        ? i
                                        : throw Error(typedPath, $"must be a 32-bit integer, but is "
                                            + $"{Describe(only.Value)}.");
                            case "long":
                                return ReadInteger(only.Value, typedPath);
                            case "double":
                                return ReadNumber(only.Value, typedPath);
                        }
                    }
                }

                break;
        }

        throw Error(path, "a categorical choice must be a string, true, false, null, or a number typed as "
            + $"{{\"int\": 2}}, {{\"long\": 2}} or {{\"double\": 2.0}} (so that 2 and 2.0 stay apart), but is "
            + $"{Describe(element)}.");
    }

    /// <summary>Returns the choice that equals <paramref name="value"/> in type and value (bit for bit for a
    /// double), so that a choice 2 is never taken for a choice 2.0.</summary>
    private object? FindChoice(CategoricalDistribution distribution, object? value, string path)
    {
        foreach (object? choice in distribution.Choices)
        {
            if (CategoricalDistribution.IsSameChoice(choice, value))
            {
                return choice;
            }
        }

        throw Error(path, $"{ShowChoice(value)} is not one of the choices "
            + $"[{string.Join(", ", distribution.Choices.Select(ShowChoice))}]; a value must match a choice in "
            + "type as well as in value.");
    }

    private static string ShowChoice(object? choice) =>
        StorageJson.Encode(writer => StorageDistribution.WriteChoice(writer, choice));
}
