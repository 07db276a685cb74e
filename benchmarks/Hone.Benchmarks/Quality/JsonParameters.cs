using System.Globalization;
using System.Text.Json;

namespace Hone.Benchmarks.Quality;

/// <summary>Reads the parameter values quality.py sends (Optuna's <c>trial.params</c>) into the objects Hone's
/// <see cref="FixedTrial"/> and <see cref="Study.EnqueueTrial"/> take.</summary>
internal static class JsonParameters
{
    /// <summary>Converts a JSON object of parameter values: strings stay strings, numbers written without a
    /// fraction or exponent (Python ints) become longs, other numbers doubles.</summary>
    public static Dictionary<string, object?> Read(JsonElement parameters)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in parameters.EnumerateObject())
        {
            values[property.Name] = Value(property.Value);
        }

        return values;
    }

    private static object? Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when value.GetRawText().AsSpan().IndexOfAny(".eE") < 0 => value.GetInt64(),
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => throw new FormatException(string.Create(CultureInfo.InvariantCulture,
            $"A parameter value must be a number or a string, but quality.py sent {value.GetRawText()}.")),
    };
}
