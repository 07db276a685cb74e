using System.Text;
using Hone.Storages;
using Hone.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Hone.Tests.Storages;

/// <summary>Checks that a study survives export and import unchanged, in one storage and across storages.</summary>
public sealed class StudyDocumentTests : IDisposable
{
    private static readonly StudyDirection[] One = [StudyDirection.Maximize];
    private static readonly StudyDirection[] Two = [StudyDirection.Minimize, StudyDirection.Maximize];

    private readonly TempJournal _source = new();
    private readonly TempJournal _target = new();

    public void Dispose()
    {
        _source.Dispose();
        _target.Dispose();
    }

    [Fact]
    public void Import_InMemoryOneDirection_ExportsTheSameBytesAndTrials()
    {
        using var source = InMemory();
        long study = StudyDocumentSample.Create(source, One);
        byte[] first = Export(source, StudyDocumentSample.Name);
        using var target = InMemory();

        var summary = Import(target, first);
        byte[] second = Export(target, StudyDocumentSample.Name);

        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
        Assert.Equal(first, second);
        Assert.Equal(new StudyDocumentSummary(StudyDocumentSample.Name, summary.StudyId, 12, 0), summary);
        AssertSameStudy(source, study, target, summary.StudyId);
    }

    [Fact]
    public void Import_JournalTwoDirections_ExportsTheSameBytesAndTrials()
    {
        using var source = Journal(_source);
        long study = StudyDocumentSample.Create(source, Two);
        byte[] first = Export(source, StudyDocumentSample.Name);
        using (var target = Journal(_target))
        {
            Import(target, first);
        }

        using var reopened = Journal(_target);
        byte[] second = Export(reopened, StudyDocumentSample.Name);

        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
        Assert.Equal(first, second);
        AssertSameStudy(source, study, reopened, reopened.GetStudyId(StudyDocumentSample.Name));
    }

    [Fact]
    public void Import_AcrossStorages_ExportsTheSameBytes()
    {
        using var memory = InMemory();
        StudyDocumentSample.Create(memory, Two);
        byte[] fromMemory = Export(memory, StudyDocumentSample.Name);
        using var journal = Journal(_target);

        Import(journal, fromMemory);
        byte[] fromJournal = Export(journal, StudyDocumentSample.Name);
        using var memoryAgain = new InMemoryStorage();
        Import(memoryAgain, fromJournal);

        Assert.Equal(fromMemory, fromJournal);
        Assert.Equal(fromMemory, Export(memoryAgain, StudyDocumentSample.Name));
    }

    [Fact]
    public void Export_Document_IsIndentedUtf8WithTrailingNewline()
    {
        using var storage = InMemory();
        StudyDocumentSample.Create(storage, One);

        string text = Encoding.UTF8.GetString(Export(storage, StudyDocumentSample.Name));

        Assert.StartsWith(
            "{\n  \"format\": \"hone.study\",\n  \"version\": 1,\n  \"study\": {\n", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        // Readable UTF-8, as in the storages; characters outside the basic plane are escaped all the same.
        Assert.Contains("\"name\": \"études ✓ 研究 \\uD83C\\uDFAF\"", text, StringComparison.Ordinal);
        Assert.Contains("\"startedAt\": \"2026-01-31T12:00:00.", text, StringComparison.Ordinal);
        Assert.Contains("\"choice\": {\n          \"long\": 2\n        }", text, StringComparison.Ordinal);
        Assert.Contains("\"values\": [\n        \"Infinity\"\n      ]", text, StringComparison.Ordinal);
        Assert.Contains("\"0\": \"NaN\"", text, StringComparison.Ordinal);
        Assert.Contains("\"-1\": -0.0", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_RunningTrial_BecomesFailedAndMarked()
    {
        using var source = InMemory();
        StudyDocumentSample.Create(source, One, withRunning: true);
        using var target = InMemory();

        var summary = Import(target, Export(source, StudyDocumentSample.Name));

        var trials = target.GetAllTrials(summary.StudyId);
        Assert.Equal(1, summary.ConvertedRunningTrials);
        Assert.Equal(13, summary.TrialCount);
        Assert.Equal(TrialState.Waiting, trials[11].State);
        Assert.Equal(TrialState.Fail, trials[12].State);
        Assert.Equal(true, trials[12].SystemAttributes["hone:imported_running"]);
        Assert.Equal(0.125, trials[12].Params["x"]);
        Assert.Equal(3.5, trials[12].IntermediateValues[0]);
        Assert.NotNull(trials[12].CompletedAt);
        Assert.All(trials.Take(12), t => Assert.False(t.SystemAttributes.ContainsKey("hone:imported_running")));
    }

    [Fact]
    public void Import_WithName_CreatesTheStudyUnderThatName()
    {
        using var storage = InMemory();
        long study = StudyDocumentSample.Create(storage, One);
        byte[] document = Export(storage, StudyDocumentSample.Name);

        var summary = Import(storage, document, "copy");

        Assert.Equal("copy", summary.StudyName);
        Assert.Equal(summary.StudyId, storage.GetStudyId("copy"));
        AssertSameStudy(storage, study, storage, summary.StudyId);
    }

    [Fact]
    public void Import_ExistingName_ThrowsAndWritesNothing()
    {
        using var storage = InMemory();
        StudyDocumentSample.Create(storage, One);
        byte[] before = Export(storage, StudyDocumentSample.Name);

        var error = Assert.Throws<DuplicateStudyException>(() => Import(storage, before));

        Assert.Contains(StudyDocumentSample.Name, error.Message, StringComparison.Ordinal);
        Assert.Single(storage.GetAllStudies());
        Assert.Equal(before, Export(storage, StudyDocumentSample.Name));
    }

    [Fact]
    public void Copy_ToAnotherStorage_KeepsEverything()
    {
        using var source = InMemory();
        long study = StudyDocumentSample.Create(source, Two);
        using var target = Journal(_target);

        var summary = StudyDocument.Copy(source, StudyDocumentSample.Name, target);

        Assert.Equal(Export(source, StudyDocumentSample.Name), Export(target, StudyDocumentSample.Name));
        AssertSameStudy(source, study, target, summary.StudyId);
    }

    [Fact]
    public void Export_MissingStudy_ThrowsStudyNotFound()
    {
        using var storage = InMemory();

        Assert.Throws<StudyNotFoundException>(() => Export(storage, "nope"));
    }

    [Fact]
    public void Import_StorageFailsPartWay_DeletesThePartialStudy()
    {
        using var source = InMemory();
        StudyDocumentSample.Create(source, One);
        byte[] document = Export(source, StudyDocumentSample.Name);
        using var target = new FailingStorage(InMemory(), failOnTrial: 5, failDelete: false);
        target.CreateStudy("keep", One);

        var error = Assert.Throws<IOException>(() => Import(target, document));

        Assert.Equal("the database went away", error.Message);
        Assert.Equal(["keep"], target.GetAllStudies().Select(s => s.Name));
    }

    [Fact]
    public void Import_CleanupFailsToo_ReportsBothErrors()
    {
        using var source = InMemory();
        StudyDocumentSample.Create(source, One);
        byte[] document = Export(source, StudyDocumentSample.Name);
        using var target = new FailingStorage(InMemory(), failOnTrial: 5, failDelete: true);

        var error = Assert.Throws<HoneException>(() => Import(target, document));

        Assert.Contains("delete study", error.Message, StringComparison.Ordinal);
        var both = Assert.IsType<AggregateException>(error.InnerException);
        Assert.Equal(2, both.InnerExceptions.Count);
    }

    internal static byte[] Export(TrialStorage storage, string name)
    {
        using var output = new MemoryStream();
        StudyDocument.Export(storage, name, output);
        return output.ToArray();
    }

    internal static StudyDocumentSummary Import(TrialStorage storage, byte[] document, string? name = null)
    {
        using var input = new MemoryStream(document);
        return StudyDocument.Import(storage, input, name);
    }

    /// <summary>Checks that two studies hold the same directions, attributes and trials (identifiers aside);
    /// attributes are compared by key, since storages list them in different orders.</summary>
    internal static void AssertSameStudy(TrialStorage expected, long expectedId, TrialStorage actual, long actualId)
    {
        Assert.Equal(expected.GetStudyDirections(expectedId), actual.GetStudyDirections(actualId));
        SameAttributes(expected.GetStudyUserAttributes(expectedId), actual.GetStudyUserAttributes(actualId), "user");
        SameAttributes(
            expected.GetStudySystemAttributes(expectedId), actual.GetStudySystemAttributes(actualId), "system");
        var expectedTrials = expected.GetAllTrials(expectedId);
        var actualTrials = actual.GetAllTrials(actualId);
        Assert.Equal(expectedTrials.Count, actualTrials.Count);
        for (int i = 0; i < expectedTrials.Count; i++)
        {
            var e = expectedTrials[i];
            var a = actualTrials[i];
            TrialAssert.Same(
                e with
                {
                    TrialId = a.TrialId,
                    UserAttributes = Sorted(e.UserAttributes),
                    SystemAttributes = Sorted(e.SystemAttributes),
                },
                a with { UserAttributes = Sorted(a.UserAttributes), SystemAttributes = Sorted(a.SystemAttributes) });
        }
    }

    private static void SameAttributes(
        IReadOnlyDictionary<string, object?> expected, IReadOnlyDictionary<string, object?> actual, string path) =>
        TrialAssert.SameValue(Sorted(expected), Sorted(actual), path);

    private static Dictionary<string, object?> Sorted(IReadOnlyDictionary<string, object?> attributes) =>
        attributes.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);

    private static InMemoryStorage InMemory() =>
        new(new FakeTimeProvider(StudyDocumentSample.Start) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1.5) });

    private static JournalStorage Journal(TempJournal file) => new(file.Path, new JournalStorageOptions
    {
        TimeProvider = new FakeTimeProvider(StudyDocumentSample.Start) { AutoAdvanceAmount = TimeSpan.FromSeconds(1) },
    });

    /// <summary>Fails the n-th trial written, as a database that goes away would, and optionally the delete after.
    /// </summary>
    private sealed class FailingStorage(TrialStorage inner, int failOnTrial, bool failDelete)
        : DelegatingStorage(inner)
    {
        private int _created;

        public override FrozenTrial CreateTrial(long studyId, FrozenTrial? template = null) =>
            ++_created == failOnTrial
                ? throw new IOException("the database went away")
                : base.CreateTrial(studyId, template);

        public override void DeleteStudy(long studyId)
        {
            if (failDelete)
            {
                throw new IOException("still away");
            }

            base.DeleteStudy(studyId);
        }
    }
}
