using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hone.Internal;

/// <summary>Brings attribute values to the one canonical, JSON-shaped form every storage keeps.</summary>
/// <remarks>
/// An attribute must survive a trip through any backend unchanged, so it is normalised when set: integers become
/// <see cref="long"/>, other numbers <see cref="double"/>, lists <c>IReadOnlyList&lt;object?&gt;</c> and objects
/// <c>IReadOnlyDictionary&lt;string, object?&gt;</c>. Anything System.Text.Json can serialise is accepted.
/// </remarks>
internal static class AttributeValue
{
    private static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static object? Normalize(object? value) => value switch
    {
        null or string or bool or long or double => value,
        int i => (long)i,
        short s => (long)s,
        byte b => (long)b,
        uint u => (long)u,
        float f => (double)f,
        decimal m => (double)m,
        JsonElement e => FromElement(e),
        _ => FromElement(JsonSerializer.SerializeToElement(value, value.GetType(), Options)),
    };

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

    private static object? FromElement(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => NamedFloat(e.GetString()!),
        JsonValueKind.Number => e.TryGetInt64(out long l) ? (object)l : e.GetDouble(),
        JsonValueKind.Array => new ReadOnlyCollection<object?>([.. e.EnumerateArray().Select(FromElement)]),
        _ => new ReadOnlyDictionary<string, object?>(
            e.EnumerateObject().ToDictionary(p => p.Name, p => FromElement(p.Value), StringComparer.Ordinal)),
    };

    // A double NaN or infinity inside a serialised object comes back as its name; keep it a number.
    private static object NamedFloat(string s) => s switch
    {
        "NaN" or "Infinity" or "-Infinity" => double.Parse(s, CultureInfo.InvariantCulture),
        _ => s,
    };
}
