using System.Globalization;
using System.Text.Json;
using Hone.Distributions;

namespace Hone.Storages;

/// <summary>Checks a whole study document and turns it into what <see cref="StudyDocument.Import"/> writes; nothing
/// is written before this has read the last trial.</summary>
internal sealed partial class StudyDocumentReader
{
    private const int MaxDepth = StudyDocumentWriter.MaxDepth;

    private static readonly string[] DocumentFields = ["format", "version", "study", "trials"];
    private static readonly string[] StudyFields = ["name", "directions", "userAttributes", "systemAttributes"];

    private readonly StudyDocumentLines _lines;

    /// <summary>The distribution each parameter name had where it first appeared, with that field's path.</summary>
    private readonly Dictionary<string, (Distribution Distribution, int TrialNumber)> _firstUse =
        new(StringComparer.Ordinal);

    private List<StudyDirection> _directions = [];

    private StudyDocumentReader(StudyDocumentLines lines) => _lines = lines;

    /// <exception cref="StudyDocumentException">The document breaks a rule of the format.</exception>
    public static StudyDocumentContents Read(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Span.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var lines = StudyDocumentLines.Scan(utf8.Span, MaxDepth);
        using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = MaxDepth });
        return new StudyDocumentReader(lines).ReadDocument(document.RootElement);
    }

    private StudyDocumentContents ReadDocument(JsonElement root)
    {
        const string Path = "$";
        RequireKind(root, Path, JsonValueKind.Object);
        var format = Field(root, Path, "format");
        if (format.ValueKind != JsonValueKind.String || format.GetString() != StudyDocumentWriter.Format)
        {
            throw Error("$.format", $"must be \"{StudyDocumentWriter.Format}\" (is this a Hone study document?), "
                + $"but is {Describe(format)}.");
        }

        var version = Field(root, Path, "version");
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out int v) || v < 1)
        {
            throw Error("$.version", $"must be a positive integer, but is {Describe(version)}.");
        }

        if (v > StudyDocumentWriter.Version)
        {
            throw Error("$.version", string.Create(CultureInfo.InvariantCulture,
                $"this version of Hone reads study documents of version {StudyDocumentWriter.Version}, but the "
                + $"document is version {v}; import it with a newer Hone."));
        }

        OnlyFields(root, Path, DocumentFields);
        var study = Field(root, Path, "study");
        RequireKind(study, "$.study", JsonValueKind.Object);
        OnlyFields(study, "$.study", StudyFields);
        var name = Field(study, "$.study", "name");
        if (name.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetString()))
        {
            throw Error("$.study.name", $"must be a non-empty string, but is {Describe(name)}.");
        }

        _directions = ReadDirections(Field(study, "$.study", "directions"), "$.study.directions");
        var userAttributes = ReadAttributes(Field(study, "$.study", "userAttributes"), "$.study.userAttributes");
        var systemAttributes =
            ReadAttributes(Field(study, "$.study", "systemAttributes"), "$.study.systemAttributes");
        var trialsElement = Field(root, Path, "trials");
        RequireKind(trialsElement, "$.trials", JsonValueKind.Array);
        var trials = new List<FrozenTrial>(trialsElement.GetArrayLength());
        int running = 0;
        foreach (var trial in trialsElement.EnumerateArray())
        {
            var (template, wasRunning) = ReadTrial(trial, trials.Count);
            trials.Add(template);
            running += wasRunning ? 1 : 0;
        }

        return new StudyDocumentContents(
            name.GetString()!, _directions, userAttributes, systemAttributes, trials, running);
    }

    private List<StudyDirection> ReadDirections(JsonElement element, string path)
    {
        RequireKind(element, path, JsonValueKind.Array);
        if (element.GetArrayLength() == 0)
        {
            throw Error(path, "must name at least one direction (\"minimize\" or \"maximize\"), but is empty.");
        }

        var directions = new List<StudyDirection>();
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            directions.Add((item.ValueKind == JsonValueKind.String ? item.GetString() : null) switch
            {
                "minimize" => StudyDirection.Minimize,
                "maximize" => StudyDirection.Maximize,
                _ => throw Error(StudyDocumentPath.Item(path, i),
                    $"a direction must be \"minimize\" or \"maximize\", but is {Describe(item)}."),
            });
            i++;
        }

        return directions;
    }

    /// <summary>Reads an attributes object key by key, in document order.</summary>
    private Dictionary<string, object?> ReadAttributes(JsonElement element, string path)
    {
        RequireKind(element, path, JsonValueKind.Object);
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            string itemPath = StudyDocumentPath.Child(path, property.Name);
            try
            {
                attributes[property.Name] = StorageJson.ReadAttribute(property.Value);
            }
            catch (FormatException e)
            {
                throw Error(itemPath, $"is not a valid attribute value: {e.Message}", e);
            }
        }

        return attributes;
    }

    /// <summary>Reads a number field: a JSON number, or "NaN", "Infinity" or "-Infinity".</summary>
    private double ReadNumber(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out double value)
            && double.IsFinite(value))
        {
            return value;
        }

        if (element.ValueKind == JsonValueKind.String
            && element.GetString() is "NaN" or "Infinity" or "-Infinity")
        {
            return StorageJson.ReadDouble(element);
        }

        throw Error(path, $"must be a number (or \"NaN\", \"Infinity\", \"-Infinity\"), but is {Describe(element)}.");
    }

    private JsonElement Field(JsonElement owner, string ownerPath, string name) =>
        owner.TryGetProperty(name, out var value)
            ? value
            : throw Error(ownerPath, $"the field \"{name}\" is missing; every document written by "
                + "StudyDocument.Export has it.");

    private void OnlyFields(JsonElement owner, string ownerPath, string[] known)
    {
        foreach (var property in owner.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                throw Error(StudyDocumentPath.Child(ownerPath, property.Name),
                    $"unknown field \"{property.Name}\"; the fields here are {string.Join(", ", known)}.");
            }
        }
    }

    private void RequireKind(JsonElement element, string path, JsonValueKind kind)
    {
        if (element.ValueKind != kind)
        {
            throw Error(path, $"must be {Article(kind)}, but is {Describe(element)}.");
        }
    }

    private StudyDocumentException Error(string path, string problem) => new(_lines.LineOf(path), path, problem);

    private StudyDocumentException Error(string path, string problem, Exception cause) =>
        new(_lines.LineOf(path), path, problem, cause);

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>Describes a value in a message: its kind and, shortened, its JSON text.</summary>
    private static string Describe(JsonElement element)
    {
        string text = element.GetRawText();
        if (text.Length > 60)
        {
            text = text[..57] + "...";
        }

        return element.ValueKind switch
        {
            JsonValueKind.Object => "an object " + text,
            JsonValueKind.Array => "an array " + text,
            JsonValueKind.String => "the string " + text,
            JsonValueKind.Number => "the number " + text,
            _ => text,
        };
    }
}

/// <summary>Holds a checked study document, ready to write.</summary>
internal sealed record StudyDocumentContents(
    string Name,
    IReadOnlyList<StudyDirection> Directions,
    IReadOnlyDictionary<string, object?> UserAttributes,
    IReadOnlyDictionary<string, object?> SystemAttributes,
    IReadOnlyList<FrozenTrial> Trials,
    int RunningTrials);
