using System.Globalization;
using System.Text.Json;

namespace Hone.Cli.Input;

/// <summary>Turns JSON typed on a command line into the plain values that Hone keeps: strings, booleans, longs,
/// doubles, null, lists and dictionaries.</summary>
internal static class JsonValues
{
    /// <summary>Parses JSON text, saying where it is broken when it is.</summary>
    /// <param name="text">The text.</param>
    /// <param name="what">What the text is, for the message: "--value", "the search space".</param>
    public static JsonDocument Parse(string text, string what)
    {
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture,
                    $" at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}")
                : string.Empty;
            throw new CliException($"{what} is not valid JSON{where}: {FirstSentence(e.Message)}", e);
        }
    }

    /// <summary>Returns the plain value of a JSON element: a number without a fraction or exponent is a long, any
    /// other number a double.</summary>
    public static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number when IsInteger(element) => element.TryGetInt64(out long l)
            ? l
            : throw new CliException($"{element.GetRawText()} is an integer outside the 64-bit range; write it as a "
                + "string, or with a fraction to make it a double."),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.Array => element.EnumerateArray().Select(ToValue).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value)),
        _ => throw new CliException($"Unexpected JSON value {element.GetRawText()}."),
    };

    /// <summary>Gets whether a JSON number is written without a fraction or an exponent.</summary>
    public static bool IsInteger(JsonElement number) =>
        number.GetRawText().AsSpan().IndexOfAny(".eE") < 0;

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
