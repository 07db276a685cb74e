using System.Collections;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json;

namespace Hone.Internal;

/// <summary>Brings attribute values to the one canonical, JSON-shaped form every storage keeps.</summary>
/// <remarks>
/// An attribute must survive a trip through any backend unchanged, so it is normalised when set: integers become
/// <see cref="long"/>, other numbers <see cref="double"/> (NaN and infinities included), lists
/// <c>IReadOnlyList&lt;object?&gt;</c> and string-keyed dictionaries <c>IReadOnlyDictionary&lt;string, object?&gt;</c>.
/// Other objects go through System.Text.Json and come back as their JSON shape.
/// </remarks>
internal static class AttributeValue
{
    private const int MaxDepth = 64;

    public static object? Normalize(object? value) => Normalize(value, 0);

    public static IReadOnlyDictionary<string, object?> NormalizeAll(IReadOnlyDictionary<string, object?>? values)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (values is not null)
        {
            foreach (var (key, v) in values)
            {
                result[key] = Normalize(v);
            }
        }

        return result;
    }

    private static object? Normalize(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException(
                $"An attribute value may nest at most {MaxDepth} levels deep; is it referring to itself?",
                nameof(value));
        }

        return value switch
        {
            null or string or bool or long or double => value,
            int or short or byte or sbyte or uint or ushort => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            float f => (double)f,
            decimal m => (double)m,
            Enum e => e.ToString(),
            JsonElement e => FromElement(e),
            IDictionary dictionary => FromDictionary(dictionary, depth),
            IEnumerable list => new ReadOnlyCollection<object?>(
                [.. list.Cast<object?>().Select(v => Normalize(v, depth + 1))]),
            _ => FromElement(Serialize(value)),
        };
    }

    private static ReadOnlyDictionary<string, object?> FromDictionary(IDictionary dictionary, int depth)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in dictionary)
        {
            string key = entry.Key as string ?? throw new ArgumentException(
                $"Attribute dictionaries need string keys, but got a key of type {entry.Key.GetType().Name}.",
                nameof(dictionary));
            result[key] = Normalize(entry.Value, depth + 1);
        }

        return result.AsReadOnly();
    }

    private static JsonElement Serialize(object value)
    {
        try
        {
            return JsonSerializer.SerializeToElement(value, value.GetType());
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new ArgumentException(
                $"An attribute value of type {value.GetType().Name} cannot be stored as JSON: {e.Message}",
                nameof(value), e);
        }
    }

    private static object? FromElement(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out long l) ? (object)l : e.GetDouble(),
        JsonValueKind.Array => new ReadOnlyCollection<object?>([.. e.EnumerateArray().Select(FromElement)]),
        _ => new ReadOnlyDictionary<string, object?>(
            e.EnumerateObject().ToDictionary(p => p.Name, p => FromElement(p.Value), StringComparer.Ordinal)),
    };
}
