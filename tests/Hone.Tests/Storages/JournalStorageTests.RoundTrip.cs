using System.Collections.ObjectModel;
using Hone.Distributions;
using Hone.Samplers;
using Hone.Storages;
using Hone.Tests.Support;

namespace Hone.Tests.Storages;

/// <summary>Checks that what one storage object writes reads back identically in another that replays the file.
/// </summary>
public sealed partial class JournalStorageTests
{
    [Fact]
    public void Replay_UnicodeLongAndNestedValues_ReadBackIdentically()
    {
        using var writer = new JournalStorage(_journal.Path);
        long study = writer.CreateStudy("études ✓ 研究 🎯", [StudyDirection.Minimize, StudyDirection.Maximize]);
        long trial = writer.CreateTrial(study).TrialId;
        string longText = string.Concat(Enumerable.Repeat("αβγ \"quoted\" \\ \n\t\u0001 🎯 ", 5_000));
        var nested = new Dictionary<string, object?>
        {
            ["list"] = new object?[] { 1, 2.0, -0.0, "two", null, true, double.NaN, long.MaxValue },
            ["deep"] = new Dictionary<string, object?> { ["a"] = new[] { new Dictionary<string, object?>() } },
            ["tag"] = new Dictionary<string, object?> { ["$float"] = "NaN" },
            ["wrapped"] = new Dictionary<string, object?> { ["$dict"] = 1 },
            ["ключ"] = 1e300,
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
        writer.SetTrialState(trial, TrialState.Complete, [double.NaN, double.NegativeInfinity]);

        using var reader = new JournalStorage(_journal.Path);
        Assert.Equal("études ✓ 研究 🎯", reader.GetStudyName(study));
        TrialAssert.SameValue(writer.GetStudyUserAttributes(study), reader.GetStudyUserAttributes(study), "study");
        TrialAssert.SameValue(writer.GetStudySystemAttributes(study), reader.GetStudySystemAttributes(study), "study");
        TrialAssert.Same(writer.GetTrial(trial), reader.GetTrial(trial));
        Assert.Equal(longText, reader.GetTrial(trial).UserAttributes["text"]);
        Assert.True(double.IsNegative(reader.GetTrial(trial).IntermediateValues[-3]));
        var readNested = (IReadOnlyDictionary<string, object?>)reader.GetTrial(trial).UserAttributes["nested"]!;
        TrialAssert.SameValue(new ReadOnlyDictionary<string, object?>(new Dictionary<string, object?>
        {
            ["$float"] = "NaN",
        }), readNested["tag"], "tag");
    }

    [Fact]
    public void Replay_AttributeNestedAsDeepAsAllowed_ReadsBack()
    {
        object? value = "leaf";
        for (int i = 0; i < 64; i++)
        {
            value = new[] { value };
        }

        using var writer = new JournalStorage(_journal.Path);
        long study = writer.CreateStudy("s", [StudyDirection.Minimize]);
        writer.SetStudyUserAttribute(study, "deep", value);

        using var reader = new JournalStorage(_journal.Path);
        TrialAssert.SameValue(
            writer.GetStudyUserAttributes(study)["deep"], reader.GetStudyUserAttributes(study)["deep"], "deep");
    }

    [Fact]
    public void Replay_CategoricalChoicesOfEveryType_KeepTheirTypes()
    {
        using var writer = new JournalStorage(_journal.Path);
        long study = writer.CreateStudy("s", [StudyDirection.Minimize]);
        object?[] choices = ["a", true, 3, 3L, 3.0, null, double.NaN, -0.0, ""];
        var distribution = new CategoricalDistribution(choices);
        var trials = new List<long>();
        for (int i = 0; i < choices.Length; i++)
        {
            long trial = writer.CreateTrial(study).TrialId;
            writer.SetTrialParameter(trial, "c", i, distribution);
            trials.Add(trial);
        }

        using var reader = new JournalStorage(_journal.Path);
        for (int i = 0; i < choices.Length; i++)
        {
            var read = reader.GetTrial(trials[i]);
            Assert.Equal(distribution, read.Distributions["c"]);
            TrialAssert.SameValue(choices[i], read.Params["c"], $"choice {i}");
        }
    }

    [Fact]
    public void Replay_TemplatesOfEnqueuedAndAddedTrials_ReadBackIdentically()
    {
        using var writer = new JournalStorage(_journal.Path);
        var study = Study.Create(new StudyOptions { Name = "s", Storage = writer });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 2.0, ["c"] = 3 },
            new Dictionary<string, object?> { ["note"] = "queued" });
        var added = study.AddTrial(new FrozenTrial
        {
            State = TrialState.Complete,
            Values = [4.0],
            Params = new Dictionary<string, object?> { ["x"] = 2.0, ["c"] = 3, ["n"] = 7L },
            Distributions = new Dictionary<string, Distribution>
            {
                // BC-36: a value outside its distribution is kept together with that distribution.
                ["x"] = new FloatDistribution(5, 10),
                ["c"] = new CategoricalDistribution([1, 3, 5]),
                ["n"] = new IntDistribution(0, 100, step: 7),
            },
            IntermediateValues = new Dictionary<int, double> { [0] = double.NaN, [5] = 4.0 },
            UserAttributes = new Dictionary<string, object?> { ["from"] = "elsewhere" },
        });

        using var reader = new JournalStorage(_journal.Path);
        var read = reader.GetAllTrials(study.StudyId);
        Assert.Equal(2, read.Count);
        TrialAssert.Same(writer.GetAllTrials(study.StudyId)[0], read[0]);
        TrialAssert.Same(added, read[1]);
        Assert.IsType<int>(read[1].Params["c"]);
        Assert.Equal(2.0, read[1].Params["x"]);
    }

    [Fact]
    public void Replay_OfAStudyRunThroughStudyApi_GivesTheSameTrials()
    {
        using var writer = new JournalStorage(_journal.Path);
        var study = Study.Create(new StudyOptions
        {
            Name = "s",
            Storage = writer,
            Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 3, StartupTrials = 5 }),
        });
        study.Optimize(trial =>
        {
            double x = trial.SuggestFloat("x", -5, 5);
            string kind = trial.SuggestCategorical("kind", "a", "b");
            trial.Report(x, 0);
            return kind == "a" ? x * x : (x * x) + 1;
        }, trials: 15);

        using var reader = new JournalStorage(_journal.Path);
        var loaded = Study.Load("s", reader);
        Assert.Equal(15, loaded.Trials.Count);
        foreach (var (expected, actual) in study.Trials.Zip(loaded.Trials))
        {
            TrialAssert.Same(expected, actual);
        }

        Assert.Equal(study.BestTrial.Number, loaded.BestTrial.Number);
    }

    [Fact]
    public void Replay_AfterAStudyIsDeleted_GivesTheSameIdentifiers()
    {
        using var writer = new JournalStorage(_journal.Path);
        long a = writer.CreateStudy("a", [StudyDirection.Minimize]);
        writer.CreateTrial(a);
        writer.DeleteStudy(a);
        long b = writer.CreateStudy("a", [StudyDirection.Maximize]);
        long trial = writer.CreateTrial(b).TrialId;

        using var reader = new JournalStorage(_journal.Path);
        Assert.Equal(b, reader.GetStudyId("a"));
        Assert.Equal([StudyDirection.Maximize], reader.GetStudyDirections(b));
        Assert.Equal(0, reader.GetTrial(trial).Number);
        Assert.Throws<KeyNotFoundException>(() => reader.GetTrial(trial - 1));
    }
}
