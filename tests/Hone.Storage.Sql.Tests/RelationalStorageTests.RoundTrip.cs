using Hone.Distributions;
using Hone.Samplers;
using Hone.Tests.Support;

namespace Hone.Storages.Sql.Tests;

/// <summary>Checks that what one storage object writes reads back identically through another, on every engine.
/// </summary>
public abstract partial class RelationalStorageTests
{
    [Fact]
    public void RoundTrip_UnicodeLongNestedAndNonFiniteValues_ReadBackIdentically()
    {
        using var writer = OpenAnother();
        using var reader = OpenAnother();
        long study = writer.CreateStudy("études ✓ 研究 🎯", [StudyDirection.Minimize, StudyDirection.Maximize]);
        long trial = writer.CreateTrial(study).TrialId;
        string longText = string.Concat(Enumerable.Repeat("αβγ \"quoted\" \\ \n\t\u0001 🎯 ", 5_000));
        var nested = new Dictionary<string, object?>
        {
            ["list"] = new object?[] { 1, 2.0, -0.0, "two", null, true, double.NaN, long.MaxValue, 1e-300 },
            ["deep"] = new Dictionary<string, object?> { ["a"] = new[] { new Dictionary<string, object?>() } },
            ["tag"] = new Dictionary<string, object?> { ["$float"] = "NaN" },
            ["ключ"] = double.NegativeInfinity,
        };

        writer.SetStudyUserAttribute(study, "ключ 🎯", "значение");
        writer.SetStudySystemAttribute(study, "nested", nested);
        writer.SetTrialUserAttribute(trial, "text", longText);
        writer.SetTrialUserAttribute(trial, "nested", nested);
        writer.SetTrialSystemAttribute(trial, "infinities", new[] { double.PositiveInfinity, double.NegativeInfinity });
        writer.SetTrialParameter(trial, "größe", 3, new IntDistribution(1, 10));
        writer.SetTrialIntermediateValue(trial, 0, double.NaN);
        writer.SetTrialIntermediateValue(trial, 1, double.PositiveInfinity);
        writer.SetTrialIntermediateValue(trial, 2, double.NegativeInfinity);
        writer.SetTrialIntermediateValue(trial, -3, -0.0);
        var finished = writer.SetTrialState(trial, TrialState.Complete, [double.NaN, double.NegativeInfinity]);

        Assert.True(longText.Length > 100_000);
        Assert.Equal("études ✓ 研究 🎯", reader.GetStudyName(study));
        Assert.Equal(study, reader.FindStudyId("études ✓ 研究 🎯"));
        TrialAssert.SameValue(writer.GetStudyUserAttributes(study), reader.GetStudyUserAttributes(study), "study");
        TrialAssert.SameValue(new InMemoryCopy(nested).Value, reader.GetStudySystemAttributes(study)["nested"], "n");
        TrialAssert.Same(finished, reader.GetTrial(trial));
        var read = reader.GetTrial(trial);
        Assert.Equal(longText, read.UserAttributes["text"]);
        Assert.True(double.IsNegative(read.IntermediateValues[-3]));
        Assert.True(double.IsNaN(read.IntermediateValues[0]));
        Assert.True(double.IsNaN(read.Values![0]));
        Assert.Equal([0, 1, 2, -3], read.IntermediateValues.Keys);
    }

    [Fact]
    [Trait("Issue", "BC-08")]
    public void RoundTrip_CategoricalChoicesOfEveryType_KeepTheirTypes()
    {
        using var writer = OpenAnother();
        using var reader = OpenAnother();
        long study = writer.CreateStudy("s", Minimize);
        object?[] choices = ["a", true, 3, 3L, 3.0, null, double.NaN, -0.0, "", "é🎯"];
        var distribution = new CategoricalDistribution(choices);
        var trials = new List<long>();
        for (int i = 0; i < choices.Length; i++)
        {
            long trial = writer.CreateTrial(study).TrialId;
            writer.SetTrialParameter(trial, "c", i, distribution);
            trials.Add(trial);
        }

        for (int i = 0; i < choices.Length; i++)
        {
            var read = reader.GetTrial(trials[i]);
            Assert.Equal(distribution, read.Distributions["c"]);
            Assert.True(read.Params.ContainsKey("c"));
            TrialAssert.SameValue(choices[i], read.Params["c"], $"choice {i}");
        }
    }

    [Fact]
    [Trait("Issue", "BC-36")]
    public void Optimize_OutOfRangeEnqueuedValue_KeepsItsDistributionAndCopiesToMemoryAndJournal()
    {
        using var storage = OpenAnother();
        var study = Study.Create(new StudyOptions { Name = "bc36", Storage = storage, Sampler = new RandomSampler(3) });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 2 });

        study.Optimize(t => t.SuggestFloat("x", 5, 10), trials: 3);
        using var reader = OpenAnother();
        var trials = Study.Load("bc36", reader).Trials;
        string journal = Path.Combine(Path.GetTempPath(), $"hone-bc36-{Guid.NewGuid():N}.log");
        try
        {
            using var journalStorage = new JournalStorage(journal);
            foreach (var target in new TrialStorage[] { new InMemoryStorage(), journalStorage })
            {
                var copy = Study.Create(new StudyOptions { Name = "copy", Storage = target });
                foreach (var trial in trials)
                {
                    copy.AddTrial(trial);
                }

                Assert.Equal(2.0, copy.Trials[0].Params["x"]);
                Assert.Equal(new FloatDistribution(5, 10), copy.Trials[0].Distributions["x"]);
            }
        }
        finally
        {
            File.Delete(journal);
            File.Delete(journal + ".lock");
        }

        Assert.Equal(2.0, Assert.IsType<double>(trials[0].Params["x"]));
        Assert.Equal(new FloatDistribution(5, 10), trials[0].Distributions["x"]);
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public void Optimize_StudyApi_ReadsBackTheSameTrialsInOrder()
    {
        using var writer = OpenAnother();
        var study = Study.Create(new StudyOptions
        {
            Name = "s",
            Storage = writer,
            Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 3, StartupTrials = 5 }),
        });
        study.Optimize(trial =>
        {
            double z = trial.SuggestFloat("z", -5, 5);
            string kind = trial.SuggestCategorical("a_kind", "a", "b");
            long n = trial.SuggestInt("m", 1, 4);
            trial.SetUserAttribute("second", 2);
            trial.SetUserAttribute("first", 1);
            trial.Report(z, 1);
            trial.Report(z * 2, 0);
            return (kind == "a" ? z * z : (z * z) + 1) + n;
        }, trials: 12);

        using var reader = OpenAnother();
        var loaded = Study.Load("s", reader);

        Assert.Equal(12, loaded.Trials.Count);
        foreach (var (expected, actual) in study.Trials.Zip(loaded.Trials))
        {
            TrialAssert.Same(expected, actual);
            Assert.Equal(["z", "a_kind", "m"], actual.Params.Keys);
            Assert.Equal(["second", "first"], actual.UserAttributes.Keys);
            Assert.Equal([1, 0], actual.IntermediateValues.Keys);
        }

        Assert.Equal(study.BestTrial.Number, loaded.BestTrial.Number);
        Assert.Equal(study.BestTrial.Number, reader.GetAllStudies().Single().BestTrial!.Number);
    }

    [Fact]
    public void CreateStudy_NamesDifferingInCaseOrTrailingSpace_AreDistinct()
    {
        using var storage = OpenAnother();

        long lower = storage.CreateStudy("study", Minimize);
        long upper = storage.CreateStudy("Study", Minimize);
        long spaced = storage.CreateStudy("study ", Minimize);

        Assert.Equal(3, new[] { lower, upper, spaced }.Distinct().Count());
        Assert.Equal(spaced, storage.FindStudyId("study "));
        Assert.Null(storage.FindStudyId("STUDY"));
        Assert.Throws<DuplicateStudyException>(() => storage.CreateStudy("Study", Minimize));
    }

    [Fact]
    public void SetAttribute_KeyLongerThanTheLimit_ThrowsNamingTheLimit()
    {
        using var storage = OpenAnother();
        long study = storage.CreateStudy("s", Minimize);
        long trial = storage.CreateTrial(study).TrialId;

        storage.SetTrialUserAttribute(trial, new string('k', 512), 1);
        var error = Assert.Throws<ArgumentException>(
            () => storage.SetTrialUserAttribute(trial, new string('k', 513), 1));

        Assert.Contains("512", error.Message, StringComparison.Ordinal);
        Assert.Equal(1L, storage.GetTrial(trial).UserAttributes[new string('k', 512)]);
    }

    [Fact]
    public void GetTrialsFrom_ReturnsTrialsFromTheNumberOn()
    {
        using var storage = OpenAnother();
        long study = storage.CreateStudy("s", Minimize);
        for (int i = 0; i < 6; i++)
        {
            var trial = storage.CreateTrial(study);
            storage.SetTrialUserAttribute(trial.TrialId, "i", i);
        }

        var from = storage.GetTrialsFrom(study, 4);

        Assert.Equal([4, 5], from.Select(t => t.Number));
        Assert.Equal([4L, 5L], from.Select(t => t.UserAttributes["i"]));
        Assert.Empty(storage.GetTrialsFrom(study, 6));
        Assert.Throws<StudyNotFoundException>(() => storage.GetTrialsFrom(study + 1000, 0));
    }

    [Fact]
    public void DeleteStudy_TrialIdentifiersAreNotReused()
    {
        using var storage = OpenAnother();
        long a = storage.CreateStudy("a", Minimize);
        long old = storage.CreateTrial(a).TrialId;

        storage.DeleteStudy(a);
        long b = storage.CreateStudy("a", Minimize);
        var fresh = storage.CreateTrial(b);

        Assert.NotEqual(a, b);
        Assert.NotEqual(old, fresh.TrialId);
        Assert.Equal(0, fresh.Number);
        Assert.Throws<KeyNotFoundException>(() => storage.GetTrial(old));
        Assert.Throws<StudyNotFoundException>(() => storage.DeleteStudy(a));
    }

    /// <summary>Normalises a value the way every storage does, to compare with what one read back.</summary>
    private sealed class InMemoryCopy
    {
        public InMemoryCopy(object? value)
        {
            var storage = new InMemoryStorage();
            long study = storage.CreateStudy("copy", Minimize);
            storage.SetStudyUserAttribute(study, "v", value);
            Value = storage.GetStudyUserAttributes(study)["v"];
        }

        public object? Value { get; }
    }
}
