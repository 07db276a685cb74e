using System.Buffers;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hone.Storages;

/// <summary>Writes and reads the values that storages keep as JSON (the journal's records, the relational storage's
/// JSON columns) so that they come back exactly as they went in.</summary>
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
internal static class StorageJson
{
    private const string FloatTag = "$float";
    private const string DictTag = "$dict";

    /// <summary>Gets the options for text that people may read too: names and attributes stay readable UTF-8;
    /// control characters are escaped all the same.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Gets the options for reading stored JSON: an attribute may nest 64 levels (see
    /// <see cref="Internal.AttributeValue"/>) inside a record's own few levels.</summary>
    public static JsonDocumentOptions ReaderOptions { get; } = new() { MaxDepth = 128 };

    /// <summary>Returns a double as stored text: a JSON number with a fraction or an exponent, or <c>NaN</c>,
    /// <c>Infinity</c> or <c>-Infinity</c>; <see cref="ParseDouble"/> reads it back bit for bit (-0.0 included).
    /// </summary>
    public static string FormatDouble(double value) =>
        double.IsFinite(value) ? FormatFinite(value) : NonFiniteName(value);

    /// <summary>Reads what <see cref="FormatDouble"/> wrote.</summary>
    /// <exception cref="FormatException">The text is not a number.</exception>
    public static double ParseDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>Returns the JSON text of a list of doubles (non-finite ones as strings), or <see langword="null"/>.
    /// </summary>
    public static string? EncodeDoubles(IReadOnlyList<double>? values) =>
        values is null ? null : Encode(writer => WriteDoubles(writer, values));

    /// <summary>Reads what <see cref="EncodeDoubles"/> wrote.</summary>
    public static double[]? DecodeDoubles(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json, ReaderOptions);
        return ReadDoubles(document.RootElement);
    }

    /// <summary>Returns the JSON text of an attribute value in canonical form.</summary>
    public static string EncodeAttribute(object? value) => Encode(writer => WriteAttribute(writer, value));

    /// <summary>Reads what <see cref="EncodeAttribute"/> wrote.</summary>
    public static object? DecodeAttribute(string json)
    {
        using var document = JsonDocument.Parse(json, ReaderOptions);
        return ReadAttribute(document.RootElement);
    }

    /// <summary>Writes one JSON value with <see cref="WriterOptions"/> and returns it as text.</summary>
    public static string Encode(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

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
