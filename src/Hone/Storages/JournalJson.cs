using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json;

namespace Hone.Storages;

/// <summary>Writes and reads the values of journal records so that they come back exactly as they went in.</summary>
/// <remarks>
/// <para>
/// A number field (a value, an intermediate value, a bound) holds a JSON number, or one of the strings
/// <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c>. A double is always written with a fraction or an exponent
/// (<c>2.0</c>, never <c>2</c>), so that it reads back as a double while an integer attribute reads back as a long.
/// </para>
/// <para>
/// Attribute values are plain JSON, except that a non-finite double, which JSON cannot hold, is written as
/// <c>{"$float": "NaN"}</c>; a dictionary whose only key is <c>$float</c> or <c>$dict</c> is wrapped in
/// <c>{"$dict": …}</c> so that it is never mistaken for one.
/// </para>
/// </remarks>
internal static class JournalJson
{
    private const string FloatTag = "$float";
    private const string DictTag = "$dict";

    public static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteRawValue(FormatFinite(value), skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(NonFiniteName(value));
        }
    }

    public static double ReadDouble(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? element.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var other => throw new FormatException($"'{other}' is not a number."),
        }
        : element.GetDouble();

    public static void WriteDoubles(Utf8JsonWriter writer, IReadOnlyList<double>? values)
    {
        if (values is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        foreach (double value in values)
        {
            WriteDouble(writer, value);
        }

        writer.WriteEndArray();
    }

    public static double[]? ReadDoubles(JsonElement element) => element.ValueKind == JsonValueKind.Null
        ? null
        : [.. element.EnumerateArray().Select(ReadDouble)];

    public static void WriteTime(Utf8JsonWriter writer, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            writer.WriteStringValue(t.ToString("O", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    public static DateTimeOffset? ReadTime(JsonElement element) => element.ValueKind == JsonValueKind.Null
        ? null
        : DateTimeOffset.Parse(element.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>Writes an attribute value in its canonical form (see <see cref="Internal.AttributeValue"/>).</summary>
    public static void WriteAttribute(Utf8JsonWriter writer, object? value)
    {
        switch (value)
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
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d when double.IsFinite(d):
                WriteDouble(writer, d);
                break;
            case double d:
                writer.WriteStartObject();
                writer.WriteString(FloatTag, NonFiniteName(d));
                writer.WriteEndObject();
                break;
            case IReadOnlyDictionary<string, object?> dictionary:
                WriteDictionary(writer, dictionary);
                break;
            case IReadOnlyList<object?> list:
                writer.WriteStartArray();
                foreach (object? item in list)
                {
                    WriteAttribute(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException(
                    $"An attribute value of type {value.GetType().Name} is not in canonical form.", nameof(value));
        }
    }

    /// <summary>Reads an attribute value back into its canonical form.</summary>
    public static object? ReadAttribute(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out long l) ? (object)l : element.GetDouble(),
        JsonValueKind.Array => new ReadOnlyCollection<object?>([.. element.EnumerateArray().Select(ReadAttribute)]),
        JsonValueKind.Object => ReadObject(element),
        _ => throw new FormatException($"Unexpected JSON {element.ValueKind} in an attribute value."),
    };

    private static void WriteDictionary(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> dictionary)
    {
        bool wrap = dictionary.Count == 1 && dictionary.Keys.First() is FloatTag or DictTag;
        writer.WriteStartObject();
        if (wrap)
        {
            writer.WriteStartObject(DictTag);
        }

        foreach (var (key, item) in dictionary)
        {
            writer.WritePropertyName(key);
            WriteAttribute(writer, item);
        }

        if (wrap)
        {
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static object? ReadObject(JsonElement element)
    {
        if (SingleProperty(element) is { } only)
        {
            if (only.NameEquals(FloatTag))
            {
                return ReadDouble(only.Value);
            }

            if (only.NameEquals(DictTag))
            {
                element = only.Value;
            }
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            result[property.Name] = ReadAttribute(property.Value);
        }

        return result.AsReadOnly();
    }

    private static JsonProperty? SingleProperty(JsonElement element)
    {
        using var properties = element.EnumerateObject();
        if (!properties.MoveNext())
        {
            return null;
        }

        var first = properties.Current;
        return properties.MoveNext() ? null : first;
    }

    private static string FormatFinite(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny('.', 'E', 'e') >= 0 ? text : text + ".0";
    }

    private static string NonFiniteName(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
}
