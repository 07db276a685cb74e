using Hone.Samplers;
using Hone.Tests.Support;

namespace Hone.Tests;

public sealed class TrialTests
{
    private static Study NewStudy(CapturingLoggerFactory? logs = null) => Study.Create(new StudyOptions
    {
        Sampler = new RandomSampler(1),
        LoggerFactory = logs,
    });

    [Fact]
    public void Suggest_EachKind_ReturnsValueOfItsType()
    {
        var trial = NewStudy().Ask();

        double x = trial.SuggestFloat("x", -1, 1);
        int n = trial.SuggestInt("n", 1, 4);
        string optimizer = trial.SuggestCategorical("optimizer", "sgd", "nesterov");
        bool flag = trial.SuggestCategorical("flag", true, false);
        int? maybe = trial.SuggestCategorical<int?>("maybe", null, 3);

        Assert.InRange(x, -1, 1);
        Assert.InRange(n, 1, 4);
        Assert.Contains(optimizer, new[] { "sgd", "nesterov" });
        Assert.True(flag || !flag);
        Assert.True(maybe is null or 3);
        Assert.Equal(["x", "n", "optimizer", "flag", "maybe"], trial.Params.Keys);
        Assert.IsType<long>(trial.Params["n"]);
    }

    [Fact]
    public void Suggest_SameNameTwice_ReturnsFirstValueWithoutWarning()
    {
        var logs = new CapturingLoggerFactory();
        var trial = NewStudy(logs).Ask();

        double first = trial.SuggestFloat("x", 0, 10);
        double second = trial.SuggestFloat("x", 0, 10);

        Assert.Equal(first, second);
        Assert.Empty(logs.Warnings);
    }

    [Fact]
    public void Suggest_SameNameOtherRange_ReturnsFirstValueAndWarnsOnce()
    {
        var logs = new CapturingLoggerFactory();
        var trial = NewStudy(logs).Ask();

        double first = trial.SuggestFloat("x", 0, 10);
        double again = trial.SuggestFloat("x", -20, -10);
        trial.SuggestFloat("x", -20, -10);

        Assert.Equal(first, again);
        Assert.Single(logs.Warnings, w => w.EventId == HoneEventIds.InconsistentRepeat);
    }

    [Fact]
    public void Suggest_SameNameOtherKind_Throws()
    {
        var trial = NewStudy().Ask();
        trial.SuggestFloat("x", 0, 10);

        var error = Assert.Throws<IncompatibleDistributionException>(() => trial.SuggestInt("x", 0, 10));

        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SuggestFloat_InvalidArguments_NamesTheParameter()
    {
        var trial = NewStudy().Ask();

        var error = Assert.Throws<ArgumentException>(() => trial.SuggestFloat("lr", 1, 0.1));

        Assert.StartsWith("SuggestFloat('lr'): 'low <= high' must hold, but got low=1, high=0.1.", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Suggest_StepNotDividingRange_WarnsOncePerStudy()
    {
        var logs = new CapturingLoggerFactory();
        var study = NewStudy(logs);

        study.Optimize(t => t.SuggestInt("n", 0, 10, step: 3) + t.SuggestFloat("f", 0, 1, step: 0.3), trials: 5);

        var warnings = logs.Warnings.Where(w => w.EventId == HoneEventIds.StepNarrowedHigh).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Message.Contains("SuggestInt('n')", StringComparison.Ordinal)
            && w.Message.Contains("narrowed to 9", StringComparison.Ordinal));
        Assert.All(
            study.Trials, t => Assert.Equal(9L, ((Hone.Distributions.IntDistribution)t.Distributions["n"]).High));
    }

    [Fact]
    public void Report_SameStepTwice_KeepsFirstValueAndWarnsOnce()
    {
        var logs = new CapturingLoggerFactory();
        var study = NewStudy(logs);
        var trial = study.Ask();

        trial.Report(0.5, 0);
        trial.Report(0.9, 0);
        trial.Report(0.8, 0);
        trial.Report(0.4, 1);
        var told = study.Tell(trial, 0.4);

        Assert.Equal(0.5, told.IntermediateValues[0]);
        Assert.Equal(0.4, told.IntermediateValues[1]);
        Assert.Single(logs.Warnings, w => w.EventId == HoneEventIds.StepReportedTwice);
    }

    [Fact]
    public void Report_NegativeStep_Throws()
    {
        var trial = NewStudy().Ask();

        Assert.Throws<ArgumentOutOfRangeException>(() => trial.Report(1, -1));
    }

    [Fact]
    public void ShouldPrune_WithDefaultPruner_IsFalse()
    {
        var trial = NewStudy().Ask();
        trial.Report(1, 0);

        Assert.False(trial.ShouldPrune());
    }

    [Fact]
    public void SetUserAttribute_IsStoredAndNormalised()
    {
        var study = NewStudy();
        var trial = study.Ask();

        trial.SetUserAttribute("fold", 3);
        trial.SetUserAttribute("note", "ünïcode ✓");
        trial.SetUserAttribute("scores", new[] { 0.5, 0.25 });
        var told = study.Tell(trial, 1);

        Assert.Equal(3L, told.UserAttributes["fold"]);
        Assert.Equal("ünïcode ✓", told.UserAttributes["note"]);
        Assert.Equal(new object[] { 0.5, 0.25 }, (IEnumerable<object?>)told.UserAttributes["scores"]!);
    }

    [Fact]
    public void FixedTrial_ReplaysObjectiveWithBestParams()
    {
        static double Objective(Trial t)
        {
            int layers = t.SuggestInt("n_layers", 1, 4);
            double total = 0;
            for (int i = 0; i < layers; i++)
            {
                total += t.SuggestInt($"n_units_l{i}", 1, 128);
            }

            return total * t.SuggestFloat("lr", 1e-4, 1, log: true);
        }

        var study = NewStudy();
        study.Optimize(Objective, trials: 20);

        double replayed = Objective(new FixedTrial(study.BestParams));

        Assert.Equal(study.BestValue, replayed);
    }

    [Fact]
    public void FixedTrial_MissingParameter_ThrowsNamingIt()
    {
        var trial = new FixedTrial(new Dictionary<string, object?> { ["x"] = 1.0 });

        var error = Assert.Throws<ArgumentException>(() => trial.SuggestFloat("y", 0, 1));

        Assert.Contains("'y'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FixedTrial_ValueOutsideRange_IsUsedWithWarning()
    {
        var logs = new CapturingLoggerFactory();
        var trial = new FixedTrial(
            new Dictionary<string, object?> { ["x"] = 5.0 }, logger: logs.CreateLogger("test"));

        Assert.Equal(5.0, trial.SuggestFloat("x", 0, 1));
        Assert.Single(logs.Warnings);
    }
}
