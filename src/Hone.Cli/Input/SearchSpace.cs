using System.Globalization;
using System.Text.Json;
using Hone.Distributions;

namespace Hone.Cli.Input;

/// <summary>Reads the search space that <c>hone ask</c> takes as JSON: an object from parameter names to
/// distributions, in Hone's own form or in the form of Optuna's command line, so that scripts written for either
/// work.</summary>
/// <remarks>
/// <para>Hone's form: <c>{"x": {"type": "float", "low": -10, "high": 10}, "lr": {"type": "float", "low": 1e-5,
/// "high": 0.1, "log": true}, "n": {"type": "int", "low": 1, "high": 8, "step": 1}, "opt": {"type":
/// "categorical", "choices": ["sgd", "adam"]}}</c>.</para>
/// <para>Optuna's form: <c>{"x": {"name": "FloatDistribution", "attributes": {"low": -10.0, "high": 10.0}}}</c>,
/// with IntDistribution and CategoricalDistribution too, and the older UniformDistribution,
/// LogUniformDistribution, DiscreteUniformDistribution (<c>q</c>), IntUniformDistribution and
/// IntLogUniformDistribution.</para>
/// <para>Categorical choices keep their JSON type: a string, true or false, null, an integer (a number written
/// without a fraction or exponent) or a double. The same rules and messages as the library's <c>Suggest*</c>
/// methods apply to every distribution.</para>
/// </remarks>
internal static class SearchSpace
{
    private const string What = "--search-space";

    public static IReadOnlyDictionary<string, SpaceParameter> Parse(string text)
    {
        if (text.StartsWith('@'))
        {
            string path = text[1..];
            text = File.Exists(path)
                ? File.ReadAllText(path)
                : throw new CliException($"{What}: there is no file {Path.GetFullPath(path)} (a value starting with @ "
                    + "names a file).");
        }

        using var document = JsonValues.Parse(text, What);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new CliException(
                $"{What} must be a JSON object from parameter names to distributions, such as "
                + "{\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}}, but got a"
                + $"{Kind(document.RootElement)}.");
        }

        var space = new Dictionary<string, SpaceParameter>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (space.ContainsKey(property.Name))
            {
                throw new CliException($"{What} names parameter '{property.Name}' twice.");
            }

            space[property.Name] = Parameter(property.Name, property.Value);
        }

        return space;
    }

    /// <summary>Refuses a space whose distribution for a name conflicts with the study's earlier use of it: another
    /// kind, another log flag, or other categorical choices (a plain range change is allowed, as in the library).
    /// </summary>
    public static void CheckAgainst(Study study, IReadOnlyDictionary<string, SpaceParameter> space)
    {
        var earlier = new Dictionary<string, Distribution>(StringComparer.Ordinal);
        foreach (var trial in study.Trials)
        {
            foreach (var (name, distribution) in trial.Distributions)
            {
                earlier.TryAdd(name, distribution);
            }
        }

        foreach (var (name, parameter) in space)
        {
            if (earlier.TryGetValue(name, out var before) && Conflict(before, parameter.Distribution) is { } reason)
            {
                throw new CliException(
                    $"{What}, parameter '{name}': {reason}; within a study a name keeps its kind, log flag and "
                    + "choices (only a numeric range may change). No trial was started.");
            }
        }
    }

    private static string? Conflict(Distribution before, Distribution now) => (before, now) switch
    {
        (FloatDistribution a, FloatDistribution b) when a.Log != b.Log =>
            $"it was a float with log={Lower(a.Log)} before, and is log={Lower(b.Log)} now",
        (IntDistribution a, IntDistribution b) when a.Log != b.Log =>
            $"it was an int with log={Lower(a.Log)} before, and is log={Lower(b.Log)} now",
        (CategoricalDistribution a, CategoricalDistribution b) when !a.Equals(b) =>
            $"its choices were {a} before, and are {b} now",
        (FloatDistribution, FloatDistribution) or (IntDistribution, IntDistribution)
            or (CategoricalDistribution, CategoricalDistribution) => null,
        _ => $"it was {KindOf(before)} before, and is {KindOf(now)} now",
    };

    private static string KindOf(Distribution distribution) => distribution switch
    {
        FloatDistribution => "a float",
        IntDistribution => "an int",
        _ => "a categorical",
    };

    private static string Lower(bool value) => value ? "true" : "false";

    private static SpaceParameter Parameter(string name, JsonElement element)
    {
        string where = $"{What}, parameter '{name}'";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CliException($"{where}: a distribution is a JSON object, but got a{Kind(element)}.");
        }

        try
        {
            if (element.TryGetProperty("type", out var type))
            {
                return FromHone(name, where, element, String(where, "type", type));
            }

            if (element.TryGetProperty("name", out var optunaName))
            {
                var attributes = element.TryGetProperty("attributes", out var a) ? a
                    : throw new CliException($"{where}: an Optuna-style distribution needs \"attributes\".");
                Allow(where, element, "name", "attributes");
                return FromOptuna(name, where, String(where, "name", optunaName), attributes);
            }
        }
        catch (ArgumentException e)
        {
            // The distribution's own rule, in the words the library uses for Suggest*: name it and the values.
            string message = CommandAction.Message(e);
            int colon = message.IndexOf("Distribution: ", StringComparison.Ordinal);
            throw new CliException($"{where}: {(colon < 0 ? message : message[(colon + 14)..])}", e);
        }

        throw new CliException(
            $"{where}: a distribution needs \"type\" (float, int or categorical), as in "
            + "{\"type\": \"float\", \"low\": 0, \"high\": 1}; got " + element.GetRawText() + ".");
    }

    private static SpaceParameter FromHone(string name, string where, JsonElement element, string type)
    {
        switch (type)
        {
            case "float":
                Allow(where, element, "type", "low", "high", "log", "step");
                return Float(name, Double(where, element, "low"), Double(where, element, "high"),
                    Bool(where, element, "log"), OptionalDouble(where, element, "step"));
            case "int":
                Allow(where, element, "type", "low", "high", "log", "step");
                return Int(name, Long(where, element, "low"), Long(where, element, "high"),
                    Bool(where, element, "log"), OptionalLong(where, element, "step") ?? 1);
            case "categorical":
                Allow(where, element, "type", "choices");
                return Categorical(name, Choices(where, element));
            default:
                throw new CliException(
                    $"{where}: \"type\" must be float, int or categorical, but got \"{type}\".");
        }
    }

    private static SpaceParameter FromOptuna(string name, string where, string kind, JsonElement attributes)
    {
        if (attributes.ValueKind != JsonValueKind.Object)
        {
            throw new CliException($"{where}: \"attributes\" must be an object, but got a{Kind(attributes)}.");
        }

        switch (kind)
        {
            case "FloatDistribution":
                Allow(where, attributes, "low", "high", "log", "step");
                return Float(name, Double(where, attributes, "low"), Double(where, attributes, "high"),
                    Bool(where, attributes, "log"), OptionalDouble(where, attributes, "step"));
            case "UniformDistribution":
            case "LogUniformDistribution":
                Allow(where, attributes, "low", "high");
                return Float(name, Double(where, attributes, "low"), Double(where, attributes, "high"),
                    log: kind == "LogUniformDistribution", step: null);
            case "DiscreteUniformDistribution":
                Allow(where, attributes, "low", "high", "q");
                return Float(name, Double(where, attributes, "low"), Double(where, attributes, "high"), log: false,
                    step: Double(where, attributes, "q"));
            case "IntDistribution":
            case "IntUniformDistribution":
            case "IntLogUniformDistribution":
                Allow(where, attributes, "low", "high", "log", "step");
                return Int(name, Long(where, attributes, "low"), Long(where, attributes, "high"),
                    kind == "IntLogUniformDistribution" || Bool(where, attributes, "log"),
                    OptionalLong(where, attributes, "step") ?? 1);
            case "CategoricalDistribution":
                Allow(where, attributes, "choices");
                return Categorical(name, Choices(where, attributes));
            default:
                throw new CliException(
                    $"{where}: \"name\" must be FloatDistribution, IntDistribution or CategoricalDistribution (or one "
                    + $"of Optuna's older names), but got \"{kind}\".");
        }
    }

    // Each parameter keeps the arguments as given and suggests through the trial's public methods, so that the
    // library applies its own rules to them, a step that narrows high included, with its own warning. The
    // distribution, built here too, checks the rules before any trial starts.
    private static SpaceParameter Float(string name, double low, double high, bool log, double? step) =>
        new(new FloatDistribution(low, high, log, step), trial => trial.SuggestFloat(name, low, high, step, log));

    private static SpaceParameter Int(string name, long low, long high, bool log, long step) =>
        new(new IntDistribution(low, high, log, step), trial => trial.SuggestLong(name, low, high, step, log));

    private static SpaceParameter Categorical(string name, List<object?> choices) =>
        new(new CategoricalDistribution(choices), trial => trial.SuggestCategorical(name, choices));

    private static List<object?> Choices(string where, JsonElement element)
    {
        if (!element.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
        {
            throw new CliException($"{where}: \"choices\" must be a JSON array of strings, numbers, booleans or null.");
        }

        var list = new List<object?>();
        foreach (var choice in choices.EnumerateArray())
        {
            list.Add(choice.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String => choice.GetString(),
                JsonValueKind.Number when JsonValues.IsInteger(choice) => choice.TryGetInt64(out long l)
                    ? l
                    : throw new CliException($"{where}: the choice {choice.GetRawText()} is an integer outside the "
                        + "64-bit range; write it as a string, or with a fraction to make it a double."),
                JsonValueKind.Number => choice.GetDouble(),
                _ => throw new CliException(
                    $"{where}: a choice must be a string, a number, true, false or null, but got "
                    + $"{choice.GetRawText()}."),
            });
        }

        return list;
    }

    // A misspelt key ("hight") would otherwise be ignored and a default used in its place.
    private static void Allow(string where, JsonElement element, params string[] keys)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!keys.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new CliException(
                    $"{where}: unknown key \"{property.Name}\"; the keys here are {string.Join(", ", keys)}.");
            }
        }
    }

    private static double Double(string where, JsonElement element, string key) =>
        OptionalDouble(where, element, key) ?? throw new CliException($"{where}: \"{key}\" is required.");

    private static double? OptionalDouble(string where, JsonElement element, string key) =>
        !element.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Number ? value.GetDouble()
        : throw new CliException($"{where}: \"{key}\" must be a number, but got {value.GetRawText()}.");

    private static long Long(string where, JsonElement element, string key) =>
        OptionalLong(where, element, key) ?? throw new CliException($"{where}: \"{key}\" is required.");

    private static long? OptionalLong(string where, JsonElement element, string key)
    {
        if (!element.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long whole))
        {
            return whole;
        }

        // 3.0 is accepted as 3, as Optuna's JSON may write it; 3.5 is not an integer.
        if (value.ValueKind == JsonValueKind.Number && value.GetDouble() is var d && d == Math.Floor(d)
            && d >= long.MinValue && d <= long.MaxValue)
        {
            return (long)d;
        }

        throw new CliException($"{where}: \"{key}\" must be an integer, but got {value.GetRawText()}.");
    }

    private static bool Bool(string where, JsonElement element, string key) =>
        !element.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null ? false
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : throw new CliException($"{where}: \"{key}\" must be true or false, but got {value.GetRawText()}.");

    private static string String(string where, string key, JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()!
        : throw new CliException($"{where}: \"{key}\" must be a string, but got {value.GetRawText()}.");

    // "an array", "a string": the kind of a JSON value with its article, for messages.
    private static string Kind(JsonElement element)
    {
        string kind = element.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture);
        return kind switch
        {
            "array" or "object" or "undefined" => "n " + kind,
            _ => " " + kind,
        };
    }
}

/// <summary>One parameter of a search space: its distribution, and how to suggest it in a trial.</summary>
/// <param name="Distribution">The distribution, to check the space against the study before a trial starts.
/// </param>
/// <param name="Suggest">Suggests the parameter in a trial with the arguments as given.</param>
internal sealed record SpaceParameter(Distribution Distribution, Action<Trial> Suggest);
