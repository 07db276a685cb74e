using System.Text.Json;
using Hone.Distributions;

namespace Hone.Storages;

/// <summary>Writes and reads distributions as JSON, in journal records and in the relational storage's columns.
/// </summary>
/// <remarks>Categorical choices keep their type: strings, booleans and null are written as themselves, numbers as
/// <c>{"int": 2}</c>, <c>{"long": 2}</c> or <c>{"double": 2.0}</c>, so that a choice of 2 and a choice of 2.0 stay
/// apart.</remarks>
internal static class StorageDistribution
{
    /// <summary>Returns the JSON text of a distribution.</summary>
    public static string Encode(Distribution distribution) =>
        StorageJson.Encode(writer => Write(writer, distribution));

    /// <summary>Reads what <see cref="Encode"/> wrote.</summary>
    public static Distribution Decode(string json)
    {
        using var document = JsonDocument.Parse(json, StorageJson.ReaderOptions);
        return Read(document.RootElement);
    }

    public static void Write(Utf8JsonWriter writer, Distribution distribution)
    {
        writer.WriteStartObject();
        switch (distribution)
        {
            case FloatDistribution f:
                writer.WriteString("type", "float");
                writer.WritePropertyName("low");
                StorageJson.WriteDouble(writer, f.Low);
                writer.WritePropertyName("high");
                StorageJson.WriteDouble(writer, f.High);
                writer.WriteBoolean("log", f.Log);
                writer.WritePropertyName("step");
                if (f.Step is { } step)
                {
                    StorageJson.WriteDouble(writer, step);
                }
                else
                {
                    writer.WriteNullValue();
                }

                break;
            case IntDistribution i:
                writer.WriteString("type", "int");
                writer.WriteNumber("low", i.Low);
                writer.WriteNumber("high", i.High);
                writer.WriteBoolean("log", i.Log);
                writer.WriteNumber("step", i.Step);
                break;
            case CategoricalDistribution c:
                writer.WriteString("type", "categorical");
                writer.WriteStartArray("choices");
                foreach (object? choice in c.Choices)
                {
                    WriteChoice(writer, choice);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException(
                    $"Distributions of type {distribution.GetType().Name} cannot be stored.", nameof(distribution));
        }

        writer.WriteEndObject();
    }

    public static Distribution Read(JsonElement element) => element.GetProperty("type").GetString() switch
    {
        "float" => new FloatDistribution(
            StorageJson.ReadDouble(element.GetProperty("low")),
            StorageJson.ReadDouble(element.GetProperty("high")),
            element.GetProperty("log").GetBoolean(),
            element.GetProperty("step") is { ValueKind: not JsonValueKind.Null } step
                ? StorageJson.ReadDouble(step)
                : null),
        "int" => new IntDistribution(
            element.GetProperty("low").GetInt64(),
            element.GetProperty("high").GetInt64(),
            element.GetProperty("log").GetBoolean(),
            element.GetProperty("step").GetInt64()),
        "categorical" => new CategoricalDistribution(
            [.. element.GetProperty("choices").EnumerateArray().Select(ReadChoice)]),
        var other => throw new FormatException($"Unknown distribution type '{other}'."),
    };

    public static void WriteChoice(Utf8JsonWriter writer, object? choice)
    {
        switch (choice)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            default:
                writer.WriteStartObject();
                switch (choice)
                {
                    case int i:
                        writer.WriteNumber("int", i);
                        break;
                    case long l:
                        writer.WriteNumber("long", l);
                        break;
                    default:
                        writer.WritePropertyName("double");
                        StorageJson.WriteDouble(writer, (double)choice);
                        break;
                }

                writer.WriteEndObject();
                break;
        }
    }

    private static object? ReadChoice(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return StorageJson.ReadAttribute(element);
        }

        var property = element.EnumerateObject().Single();
        // Each arm is boxed as its own type: a switch of int, long and double would otherwise widen them all.
        return property.Name switch
        {
            "int" => (object)property.Value.GetInt32(),
            "long" => (object)property.Value.GetInt64(),
            "double" => (object)StorageJson.ReadDouble(property.Value),
            var other => throw new FormatException($"Unknown categorical choice type '{other}'."),
        };
    }
}
