using Hone.Distributions;
using Hone.Storages;
using Hone.Tests.Support;
using static Hone.Tests.FailureCases.FailureCaseHelpers;

namespace Hone.Tests.FailureCases;

/// <summary>BC-08: a null categorical choice is a value like any other: a trial that drew it still has the parameter,
/// and nothing downstream mistakes "value is null" for "parameter absent".</summary>
[Trait("Issue", "BC-08")]
public sealed class Bc08NullCategoricalChoiceTests
{
    // NOTE(hone): the SQLite and journal storages arrive with issue 5; extend this test then.
    /// <summary>40 trials; the TPE samplers draw the last 30 from their model, where a null choice must still count
    /// as a present parameter.</summary>
    [Theory]
    [InlineData("random")]
    [InlineData("tpe")]
    [InlineData("tpe-independent")]
    public void Optimize_NullAndIntChoices_EveryTrialHasTheParameterAndBothChoicesAppear(string sampler)
    {
        var logs = new CapturingLoggerFactory();
        var storage = new InMemoryStorage();
        var study = CreateStudy(
            logs: logs, storage: storage, name: "bc08", sampler: SamplerNamed(sampler, seed: 81, tpeStartupTrials: 10));
        var returned = new List<object?>();

        study.Optimize(t =>
        {
            object? x2 = t.SuggestCategorical<object?>("x2", null, 1);
            double x1 = t.SuggestFloat("x1", -10, 10);
            returned.Add(x2);
            return x2 is null ? x1 * x1 : (x1 * x1) + 1;
        }, trials: 40);

        var trials = Study.Load("bc08", storage).Trials;
        Assert.Equal(40, trials.Count);
        Assert.All(trials, t =>
        {
            Assert.Equal(TrialState.Complete, t.State);
            Assert.True(t.Params.ContainsKey("x2"), $"Trial {t.Number} lost its parameter x2.");
            Assert.True(t.Distributions.ContainsKey("x2"));
            Assert.Equal(returned[t.Number], t.Params["x2"]);
            Assert.Equal(t.Params["x2"] is null ? 0.0 : 1.0, t.GetInternalParam("x2"));
        });
        Assert.Contains(trials, t => t.Params["x2"] is null);
        Assert.Contains(trials, t => t.Params["x2"] is 1);
        Assert.DoesNotContain(logs.Entries, e => e.Exception is not null);
    }

    /// <summary>If TPE took a trial that drew null for one lacking the parameter, it could not learn that null is the
    /// better choice.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Optimize_TpeWhereNullIsTheBetterChoice_ModelPrefersNullAfterStartup(bool multivariate)
    {
        var study = CreateStudy(sampler: Tpe(seed: 86, startupTrials: 10, multivariate));

        study.Optimize(
            t => (t.SuggestCategorical<object?>("x2", null, 1) is null ? 0 : 1) + (t.SuggestFloat("x1", -1, 1) / 100),
            trials: 40);

        int nulls = study.Trials.Skip(10).Count(t => t.Params["x2"] is null);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.True(nulls > 20, $"null was drawn in {nulls} of the 30 modelled trials.");
    }

    [Fact]
    public void SuggestCategorical_NullableIntChoices_ReturnsNullAsAValue()
    {
        var study = CreateStudy(seed: 82);
        var returned = new List<int?>();

        study.Optimize(t =>
        {
            returned.Add(t.SuggestCategorical<int?>("x2", null, 1));
            return 0.0;
        }, trials: 40);

        Assert.Contains(null, returned);
        Assert.Contains(1, returned);
        Assert.All(study.Trials, t => Assert.True(t.Params.ContainsKey("x2")));
    }

    public static TheoryData<object?[]> ChoiceLists => new()
    {
        new object?[] { null },
        new object?[] { "a", null },
        new object?[] { null, true, 1.5, "s", 2L },
        new object?[] { 1, 2, null },
        new object?[] { false, null },
    };

    [Theory]
    [MemberData(nameof(ChoiceLists))]
    public void SuggestCategorical_ChoicesWithNull_NullIsStoredAndReloadedAsAPresentParameter(object?[] choices)
    {
        var storage = new InMemoryStorage();
        var study = CreateStudy(seed: 83, storage: storage, name: "bc08-theory");

        study.Optimize(t => t.SuggestCategorical("c", choices) is null ? 0.0 : 1.0, trials: 60);

        var trials = Study.Load("bc08-theory", storage).Trials;
        Assert.All(trials, t =>
        {
            Assert.Equal(TrialState.Complete, t.State);
            Assert.True(t.Params.TryGetValue("c", out object? value));
            Assert.Contains(value, choices);
        });
        Assert.Equal(choices.Length, trials.Select(t => t.GetInternalParam("c")).Distinct().Count());
        Assert.Contains(trials, t => t.Params["c"] is null);
    }

    [Fact]
    public void BestParams_BestTrialDrewNull_ContainsTheKeyWithNull()
    {
        var study = CreateStudy(seed: 84);

        study.Optimize(t => t.SuggestCategorical<object?>("x2", null, 1) is null ? -1.0 : 1.0, trials: 20);

        Assert.True(study.BestParams.ContainsKey("x2"));
        Assert.Null(study.BestParams["x2"]);
        Assert.Equal(-1.0, study.BestValue);
    }

    [Fact]
    public void EnqueueTrial_NullChoice_IsUsedAsTheValueAndCountsForSkipIfExists()
    {
        var study = CreateStudy(seed: 85);
        for (int i = 0; i < 5; i++)
        {
            study.EnqueueTrial(new Dictionary<string, object?> { ["x2"] = null });
        }

        study.Optimize(t => t.SuggestCategorical<object?>("x2", null, 1) is null ? 0.0 : 1.0, trials: 5);
        bool queuedNull = study.EnqueueTrial(new Dictionary<string, object?> { ["x2"] = null }, skipIfExists: true);
        bool queuedOne = study.EnqueueTrial(new Dictionary<string, object?> { ["x2"] = 1 }, skipIfExists: true);

        Assert.All(study.GetTrials(TrialState.Complete), t =>
        {
            Assert.True(t.Params.ContainsKey("x2"));
            Assert.Null(t.Params["x2"]);
        });
        Assert.False(queuedNull);
        Assert.True(queuedOne);
    }

    [Fact]
    public void FixedTrial_NullValue_IsAPresentValueNotAMissingOne()
    {
        var trial = new FixedTrial(new Dictionary<string, object?> { ["x2"] = null });

        object? value = trial.SuggestCategorical<object?>("x2", null, 1);

        Assert.Null(value);
        Assert.True(trial.Params.ContainsKey("x2"));
    }

    [Fact]
    public void AddTrial_NullChoice_IsAcceptedAndKept()
    {
        var study = CreateStudy();
        var template = new FrozenTrial
        {
            State = TrialState.Complete,
            Values = [0.5],
            Params = new Dictionary<string, object?> { ["x2"] = null },
            Distributions = new Dictionary<string, Distribution>
            {
                ["x2"] = new CategoricalDistribution([null, 1]),
            },
        };

        var added = study.AddTrial(template);

        Assert.True(added.Params.ContainsKey("x2"));
        Assert.Null(added.Params["x2"]);
        Assert.Equal(0.0, added.GetInternalParam("x2"));
    }
}
