using Hone.Distributions;
using Hone.Storages;

namespace Hone.Tests.Support;

/// <summary>Fills a storage with a study that uses every feature a study document must carry: every kind of
/// distribution and categorical choice, non-finite values, unicode, nested attributes and every trial state.</summary>
internal static class StudyDocumentSample
{
    public const string Name = "études ✓ 研究 🎯";

    public static readonly object?[] Choices = ["2", 2, 2L, 2.0, true, false, null, -0.0, 0.0, double.NaN, "é🎯"];

    private static readonly FloatDistribution Uniform = new(-1.0, 1.0);
    private static readonly FloatDistribution LogUniform = new(1e-5, 1.0, log: true);
    private static readonly FloatDistribution Stepped = new(0.0, 1.0, step: 0.1);
    private static readonly IntDistribution Integer = new(-5, 5);
    private static readonly IntDistribution LogInteger = new(1, 1024, log: true);
    private static readonly IntDistribution SteppedInteger = new(0, 100, step: 5);
    private static readonly CategoricalDistribution Categorical = new(Choices);
    private static readonly CategoricalDistribution Optimizer = new(["sgd", "adam", "rmsprop"]);

    /// <summary>A fresh clock at a whole microsecond, for storages that keep finer times than a document.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Creates the sample study and returns its identifier.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="directions">The study's directions (one or two).</param>
    /// <param name="withRunning">Whether to leave a trial running as well.</param>
    /// <param name="name">The study's name.</param>
    public static long Create(
        TrialStorage storage, StudyDirection[] directions, bool withRunning = false, string name = Name)
    {
        long study = storage.CreateStudy(name, directions);
        storage.SetStudyUserAttribute(study, "ключ 🎯", "значение");
        storage.SetStudyUserAttribute(study, "nested", Nested());
        storage.SetStudyUserAttribute(study, "a", 1);
        storage.SetStudySystemAttribute(study, "hone:infinities", new[] { double.PositiveInfinity, double.NaN });
        storage.SetStudySystemAttribute(study, "$float", 2.0);
        for (int i = 0; i < Choices.Length; i++)
        {
            AddFinished(storage, study, directions, i);
        }

        storage.CreateTrial(study, new FrozenTrial
        {
            State = TrialState.Waiting,
            Params = new Dictionary<string, object?> { ["opt"] = "adam", ["n"] = 40L },
            Distributions = new Dictionary<string, Distribution> { ["opt"] = Optimizer, ["n"] = Integer },
            SystemAttributes = new Dictionary<string, object?> { ["hone:fixed_params"] = new { x = 0.5 } },
        });
        if (withRunning)
        {
            long running = storage.CreateTrial(study).TrialId;
            storage.SetTrialParameter(running, "x", 0.125, Uniform);
            storage.SetTrialIntermediateValue(running, 0, 3.5);
        }

        return study;
    }

    private static void AddFinished(TrialStorage storage, long study, StudyDirection[] directions, int i)
    {
        long trial = storage.CreateTrial(study).TrialId;
        // Parameters in an order that is not alphabetical, so that a document keeps the order of suggestion.
        storage.SetTrialParameter(trial, "x", (i - 5) / 7.0, Uniform);
        storage.SetTrialParameter(trial, "lr", Math.Pow(10, -1 - (i % 4)), LogUniform);
        storage.SetTrialParameter(trial, "q", (i % 10) / 10.0, Stepped);
        storage.SetTrialParameter(trial, "n", i - 5, Integer);
        storage.SetTrialParameter(trial, "größe", 1 << i, LogInteger);
        storage.SetTrialParameter(trial, "Step n", 5 * i, SteppedInteger);
        storage.SetTrialParameter(trial, "choice", i, Categorical);
        storage.SetTrialParameter(trial, "opt", i % 3, Optimizer);
        storage.SetTrialIntermediateValue(trial, 2, 0.5 + i);
        storage.SetTrialIntermediateValue(trial, 0, double.NaN);
        storage.SetTrialIntermediateValue(trial, -1, -0.0);
        storage.SetTrialIntermediateValue(trial, 1, i % 2 == 0 ? double.PositiveInfinity : double.NegativeInfinity);
        storage.SetTrialUserAttribute(trial, "z", i);
        storage.SetTrialUserAttribute(trial, "nested", Nested());
        storage.SetTrialSystemAttribute(trial, "hone:note", $"trial {i} ✓");
        switch (i % 4)
        {
            case 0:
                storage.SetTrialState(trial, TrialState.Complete,
                    [.. directions.Select((_, k) => k == 0 ? 0.1 * i : double.NegativeInfinity)]);
                break;
            case 1:
                storage.SetTrialState(trial, TrialState.Complete,
                    [.. directions.Select((_, k) => k == 0 ? double.PositiveInfinity : -0.0)]);
                break;
            case 2:
                storage.SetTrialState(trial, TrialState.Pruned, directions.Length == 1 ? [0.5 + i] : null);
                break;
            default:
                storage.SetTrialSystemAttribute(trial, "fail_reason", "ValueError: nope");
                storage.SetTrialState(trial, TrialState.Fail);
                break;
        }
    }

    private static Dictionary<string, object?> Nested() => new()
    {
        ["list"] = new object?[] { 1, 2.0, -0.0, "two", null, true, double.NaN, long.MaxValue, 1e-300 },
        ["deep"] = new Dictionary<string, object?> { ["b"] = new[] { new Dictionary<string, object?>() }, ["a"] = 1 },
        ["tag"] = new Dictionary<string, object?> { ["$float"] = "NaN" },
        ["text"] = string.Concat(Enumerable.Repeat("αβγ \"quoted\" \\ \n\t\u0001 🎯 ", 200)),
        ["ключ"] = double.NegativeInfinity,
    };
}
