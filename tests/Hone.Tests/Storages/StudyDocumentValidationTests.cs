using System.Text;
using Hone.Storages;

namespace Hone.Tests.Storages;

/// <summary>Checks that a malformed study document is refused with the line and the field at fault, and that the
/// storage is left as it was.</summary>
public sealed class StudyDocumentValidationTests
{
    private const string Valid = """
        {
          "format": "hone.study",
          "version": 1,
          "study": {
            "name": "small",
            "directions": ["minimize"],
            "userAttributes": { "owner": "me" },
            "systemAttributes": {}
          },
          "trials": [
            {
              "number": 0,
              "state": "complete",
              "values": [0.5],
              "startedAt": "2026-01-31T12:00:00.000000Z",
              "completedAt": "2026-01-31T13:00:01.000001+01:00",
              "params": { "x": 0.5, "lr": 0.01, "n": 3, "opt": "sgd" },
              "distributions": {
                "x": { "type": "float", "low": 0.0, "high": 1.0, "log": false, "step": null },
                "lr": { "type": "float", "low": 1e-05, "high": 1.0, "log": true, "step": null },
                "n": { "type": "int", "low": 1, "high": 10, "log": false, "step": 1 },
                "opt": { "type": "categorical", "choices": ["sgd", "adam", { "int": 2 }] }
              },
              "intermediateValues": { "0": 0.9, "1": "NaN" },
              "userAttributes": { "note": "first" },
              "systemAttributes": {}
            },
            {
              "number": 1,
              "state": "pruned",
              "values": null,
              "startedAt": "2026-01-31T12:00:02.000000Z",
              "completedAt": "2026-01-31T12:00:03.000000Z",
              "params": { "x": 0.25 },
              "distributions": {
                "x": { "type": "float", "low": 0.0, "high": 0.5, "log": false, "step": null }
              },
              "intermediateValues": {},
              "userAttributes": {},
              "systemAttributes": {}
            },
            {
              "number": 2,
              "state": "waiting",
              "values": null,
              "startedAt": null,
              "completedAt": null,
              "params": {},
              "distributions": {},
              "intermediateValues": {},
              "userAttributes": {},
              "systemAttributes": {}
            }
          ]
        }

        """;

    /// <summary>The malformed documents: a replacement in <see cref="Valid"/>, the field the error must name, the
    /// text on the line it must name (shifted by a number of lines) and a part of the message.</summary>
    public static TheoryData<string, string, string, string, string, int, string> Cases => new()
    {
        { "format", "\"format\": \"hone.study\"", "\"format\": \"optuna\"", "$.format", "\"format\"", 0,
            "must be \"hone.study\"" },
        { "newer version", "\"version\": 1", "\"version\": 2", "$.version", "\"version\"", 0,
            "reads study documents of version 1, but the document is version 2" },
        { "missing field", "\"state\": \"pruned\",", "", "$.trials[1]", "\"number\": 1", -1,
            "the field \"state\" is missing" },
        { "wrong type", "\"number\": 0,", "\"number\": \"0\",", "$.trials[0].number", "\"number\": \"0\"", 0,
            "must be an integer, but is the string \"0\"" },
        { "unknown field", "\"number\": 1,", "\"number\": 1, \"colour\": 1,", "$.trials[1].colour", "\"colour\"", 0,
            "unknown field \"colour\"" },
        { "bad direction", "[\"minimize\"]", "[\"down\"]", "$.study.directions[0]", "\"down\"", 0,
            "must be \"minimize\" or \"maximize\", but is the string \"down\"" },
        { "bad state", "\"state\": \"pruned\"", "\"state\": \"done\"", "$.trials[1].state", "\"done\"", 0,
            "must be one of \"complete\"" },
        { "not a choice", "\"opt\": \"sgd\" }", "\"opt\": \"rmsprop\" }", "$.trials[0].params.opt", "rmsprop", 0,
            "\"rmsprop\" is not one of the choices [\"sgd\", \"adam\", {\"int\":2}]" },
        { "choice of another type", "\"opt\": \"sgd\" }", "\"opt\": { \"long\": 2 } }", "$.trials[0].params.opt",
            "\"long\": 2", 0, "{\"long\":2} is not one of the choices" },
        { "untyped number choice", "\"opt\": \"sgd\" }", "\"opt\": 2 }", "$.trials[0].params.opt", "\"opt\": 2", 0,
            "a categorical choice must be a string, true, false, null, or a number typed as" },
        { "infinite float", "\"x\": 0.5,", "\"x\": \"Infinity\",", "$.trials[0].params.x", "\"x\": \"Infinity\"", 0,
            "a float parameter must be finite, but is the string \"Infinity\"" },
        { "fractional int", "\"n\": 3,", "\"n\": 3.5,", "$.trials[0].params.n", "\"n\": 3.5", 0,
            "must be an integer, but is the number 3.5" },
        { "log value not positive", "\"lr\": 0.01,", "\"lr\": 0.0,", "$.trials[0].params.lr", "\"lr\": 0.0", 0,
            "needs a value > 0, but got 0" },
        { "bad distribution", "\"low\": 1e-05, \"high\": 1.0, \"log\": true",
            "\"low\": 0.0, \"high\": 1.0, \"log\": true",
            "$.trials[0].distributions.lr", "\"lr\": { \"type\"", 0,
            "is not a valid float distribution: FloatDistribution: 'low > 0' must hold when log=true, but got low=0" },
        { "bad step", "\"high\": 0.5, \"log\": false, \"step\": null", "\"high\": 0.5, \"log\": false, \"step\": 0.0",
            "$.trials[1].distributions.x", "\"step\": 0.0", 0, "'step > 0' must hold" },
        { "unknown distribution", "\"type\": \"int\"", "\"type\": \"integer\"", "$.trials[0].distributions.n.type",
            "\"integer\"", 0, "must be \"float\", \"int\" or \"categorical\"" },
        { "number gap", "\"number\": 2,", "\"number\": 3,", "$.trials[2].number", "\"number\": 3", 0,
            "this trial's number must be 2, but is 3" },
        { "complete without values", "\"values\": [0.5],", "\"values\": null,", "$.trials[0].values",
            "\"values\": null", 0, "a complete trial needs one value per direction (1), but values is null" },
        { "too many values", "\"values\": [0.5],", "\"values\": [0.5, 1.0],", "$.trials[0].values", "[0.5, 1.0]", 0,
            "needs one value per direction of the study (1), but has 2" },
        { "NaN value", "\"values\": [0.5],", "\"values\": [\"NaN\"],", "$.trials[0].values[0]", "[\"NaN\"]", 0,
            "may not be NaN" },
        { "values of a waiting trial", "\"state\": \"waiting\",\n      \"values\": null,",
            "\"state\": \"waiting\",\n      \"values\": [1.0],", "$.trials[2].values", "[1.0]", 0,
            "a waiting trial has no values" },
        { "conflicting distributions", "\"low\": 0.0, \"high\": 0.5, \"log\": false,",
            "\"low\": 0.1, \"high\": 0.5, \"log\": true,", "$.trials[1].distributions.x", "\"low\": 0.1", 0,
            "parameter \"x\" conflicts with its distribution in trial 0" },
        { "value without distribution", "\"params\": { \"x\": 0.25 }", "\"params\": { \"x\": 0.25, \"y\": 1 }",
            "$.trials[1].params.y", "\"y\": 1", 0, "has a value but no distribution" },
        { "distribution without value", "\"params\": { \"x\": 0.25 }", "\"params\": {}", "$.trials[1].distributions.x",
            "\"high\": 0.5", 0, "has a distribution but no value" },
        { "duplicate key", "\"params\": { \"x\": 0.25 }", "\"params\": { \"x\": 0.25, \"x\": 0.3 }",
            "$.trials[1].params.x", "\"x\": 0.3", 0, "the key \"x\" appears twice" },
        { "bad time", "\"startedAt\": \"2026-01-31T12:00:02.000000Z\"", "\"startedAt\": \"yesterday\"",
            "$.trials[1].startedAt", "yesterday", 0, "must be null or an ISO 8601 time" },
        { "bad step key", "\"0\": 0.9", "\"00\": 0.9", "$.trials[0].intermediateValues['00']", "\"00\"", 0,
            "a step must be an integer written plainly" },
        { "bad attribute", "{ \"note\": \"first\" }", "{ \"note\": { \"$float\": \"many\" } }",
            "$.trials[0].userAttributes.note", "\"many\"", 0, "is not a valid attribute value" },
        { "not JSON inside", "\"n\": 3,", "\"n\": three,", "$.trials[0].params.n", "three", 0,
            "the document is not valid JSON" },
    };

    [Fact]
    public void Import_ValidDocument_Imports()
    {
        using var storage = new InMemoryStorage();

        var summary = Import(storage, Valid);

        var trials = storage.GetAllTrials(summary.StudyId);
        Assert.Equal(new StudyDocumentSummary("small", summary.StudyId, 3, 0), summary);
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 12, 0, 1, TimeSpan.Zero).AddTicks(10), trials[0].CompletedAt);
        Assert.Equal(TrialState.Waiting, trials[2].State);
        Assert.Equal(["x", "lr", "n", "opt"], trials[0].Params.Keys);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Import_MalformedDocument_NamesLineAndFieldAndWritesNothing(
        string name, string find, string replace, string path, string lineMarker, int lineShift, string message)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);
        string document = Valid.Replace(find, replace, StringComparison.Ordinal);

        var error = ImportIntoKeptStorage(document);

        Assert.True(path == error.Path, $"{name}: expected {path}, got {error.Path}: {error.Message}");
        Assert.Equal(LineOf(document, lineMarker) + lineShift, error.LineNumber);
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{name}: {error.Message}");
        Assert.StartsWith($"line {error.LineNumber}, {path}: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    [InlineData("hello")]
    [InlineData("[1, 2]")]
    [InlineData("{} {}")]
    public void Import_NotAStudyDocument_Throws(string document)
    {
        var error = ImportIntoKeptStorage(document);

        Assert.Equal(1, error.LineNumber);
        Assert.Equal("$", error.Path);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.77)]
    [InlineData(0.99)]
    public void Import_TruncatedDocument_NamesTheLineWhereTheDataEnds(double fraction)
    {
        string document = Valid[..(int)(Valid.Length * fraction)];

        var error = ImportIntoKeptStorage(document);

        int lastLine = document.TrimEnd().Split('\n').Length;
        Assert.Equal(lastLine, error.LineNumber);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_TruncatedAfterANewline_NamesTheLineOfTheLastData()
    {
        int cut = Valid.IndexOf("\"number\": 1,", StringComparison.Ordinal);
        string document = Valid[..cut];

        var error = ImportIntoKeptStorage(document);

        Assert.Equal(LineOf(Valid, "\"number\": 1,") - 1, error.LineNumber);
        Assert.Equal("$.trials[1]", error.Path);
    }

    [Fact]
    public void Import_ByteOrderMark_IsSkipped()
    {
        using var storage = new InMemoryStorage();

        byte[] document = [.. "\uFEFF"u8, .. Encoding.UTF8.GetBytes(Valid)];

        var summary = StudyDocument.Import(storage, new MemoryStream(document));

        Assert.Equal(3, summary.TrialCount);
    }

    private static StudyDocumentException ImportIntoKeptStorage(string document)
    {
        using var storage = new InMemoryStorage();
        long kept = storage.CreateStudy("small", [StudyDirection.Maximize]);
        storage.SetStudyUserAttribute(kept, "keep", true);
        storage.CreateTrial(kept);
        byte[] before = StudyDocumentTests.Export(storage, "small");

        var error = Assert.Throws<StudyDocumentException>(() => Import(storage, document, "imported"));

        Assert.Equal(["small"], storage.GetAllStudies().Select(s => s.Name));
        Assert.Equal(before, StudyDocumentTests.Export(storage, "small"));
        return error;
    }

    private static StudyDocumentSummary Import(TrialStorage storage, string document, string? name = null) =>
        StudyDocumentTests.Import(storage, Encoding.UTF8.GetBytes(document), name);

    private static int LineOf(string document, string marker)
    {
        int at = document.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{marker}' is not in the document");
        return document[..at].Count(c => c == '\n') + 1;
    }
}
