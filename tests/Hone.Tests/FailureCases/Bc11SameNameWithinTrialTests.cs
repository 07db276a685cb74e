using System.Globalization;
using Hone.Distributions;
using Hone.Tests.Support;
using static Hone.Tests.FailureCases.FailureCaseHelpers;

namespace Hone.Tests.FailureCases;

/// <summary>BC-11: suggesting a name again inside one trial returns the first value: silently for the same
/// distribution, with a warning for another range of the same kind, and with
/// <see cref="IncompatibleDistributionException"/> for another kind, log flag or list of choices.</summary>
[Trait("Issue", "BC-11")]
public sealed class Bc11SameNameWithinTrialTests
{
    [Fact]
    public void Suggest_SameNameFourWays_ReturnsFirstValueWarnsOnceAndRejectsOtherKind()
    {
        var logs = new CapturingLoggerFactory();
        var study = CreateStudy(seed: 111, logs);
        var trial = study.Ask();

        double a = trial.SuggestFloat("x", 0, 10);
        double b = trial.SuggestFloat("x", 0, 10);
        var warningsAfterB = logs.Warnings.Count;
        double c = trial.SuggestFloat("x", -20, -10);
        var d = Record.Exception(() => trial.SuggestInt("x", 0, 10));
        var finished = study.Tell(trial, a);

        Assert.Equal(a, b);
        Assert.Equal(0, warningsAfterB);
        Assert.Equal(a, c);
        var warning = Assert.Single(logs.Warnings);
        Assert.Equal(HoneEventIds.InconsistentRepeat, warning.EventId);
        Assert.Contains("'x'", warning.Message, StringComparison.Ordinal);
        Assert.IsType<IncompatibleDistributionException>(d);
        Assert.Equal(TrialState.Complete, finished.State);
        Assert.Equal(new[] { "x" }, finished.Params.Keys);
        Assert.Equal(a, finished.Params["x"]);
        Assert.Equal(new FloatDistribution(0, 10), finished.Distributions["x"]);
    }

    [Fact]
    public void SuggestInt_RepeatedWithOtherRangeOrStep_ReturnsFirstValueWithOneWarning()
    {
        var logs = new CapturingLoggerFactory();
        var study = CreateStudy(seed: 112, logs);
        var trial = study.Ask();

        int a = trial.SuggestInt("n", 0, 10);
        int b = trial.SuggestInt("n", 0, 10);
        int c = trial.SuggestInt("n", 20, 30);
        int d = trial.SuggestInt("n", 0, 10, step: 5);
        long e = trial.SuggestLong("n", 0, 10);

        Assert.Equal(new[] { a, a, a, a }, new[] { b, c, d, (int)e });
        Assert.Single(logs.Warnings, w => w.EventId == HoneEventIds.InconsistentRepeat);
        Assert.Equal(new IntDistribution(0, 10), study.Trials[0].Distributions["n"]);
    }

    [Theory]
    [InlineData("float", "int")]
    [InlineData("float", "cat")]
    [InlineData("int", "float")]
    [InlineData("int", "cat")]
    [InlineData("cat", "float")]
    [InlineData("cat", "int")]
    public void Suggest_SameNameOtherKindInOneTrial_ThrowsIncompatibleDistributionAndKeepsTheFirst(
        string first, string second)
    {
        var study = CreateStudy(seed: 113);
        var trial = study.Ask();
        object? value = Suggest(trial, first);

        Assert.Throws<IncompatibleDistributionException>(() => Suggest(trial, second));

        Assert.Equal(value, Suggest(trial, first));
        var stored = study.Trials[0];
        Assert.Equal(value, stored.Params["p"]);
        Assert.Equal(study.Tell(trial, 0.0).Distributions["p"], stored.Distributions["p"]);
    }

    /// <summary>A log flag or a list of choices that differs is as incompatible inside one trial as it is across
    /// trials (BC-10): the second call must not quietly return the first value.</summary>
    [Theory]
    [InlineData("float:0.1,10", "float:0.1,10,log")]
    [InlineData("float:0.1,10,log", "float:0.1,10")]
    [InlineData("int:1,10", "int:1,10,log")]
    [InlineData("int:1,10,log", "int:1,10")]
    [InlineData("cat:L0,L1", "cat:L2,L3")]
    [InlineData("cat:L0,L1", "cat:L1,L0")]
    public void Suggest_SameNameOtherLogFlagOrChoicesInOneTrial_ThrowsIncompatibleDistribution(
        string first, string second)
    {
        var study = CreateStudy(seed: 114);
        var trial = study.Ask();
        SuggestSpace(trial, first);

        Assert.Throws<IncompatibleDistributionException>(() => SuggestSpace(trial, second));
    }

    [Fact]
    public void FixedTrial_SameNameFourWays_BehavesLikeAStudyTrial()
    {
        var logs = new CapturingLoggerFactory();
        var trial = new FixedTrial(new Dictionary<string, object?> { ["x"] = 5.0 }, 0,
            logs.CreateLogger("fixed"));

        double a = trial.SuggestFloat("x", 0, 10);
        double b = trial.SuggestFloat("x", 0, 10);
        double c = trial.SuggestFloat("x", -20, -10);

        Assert.Equal(new[] { 5.0, 5.0, 5.0 }, new[] { a, b, c });
        Assert.Single(logs.Warnings, w => w.EventId == HoneEventIds.InconsistentRepeat);
        Assert.Throws<IncompatibleDistributionException>(() => trial.SuggestInt("x", 0, 10));
    }

    [Fact]
    public void Guide_RepeatWithOtherRange_SaysTheFirstValueMayLieOutsideTheSecondRangeWithAWarning()
    {
        string guide = File.ReadAllText(Path.Combine(ReadmeTests.RepositoryRoot(), "docs", "guide.md"));
        string rule = guide[guide.IndexOf("- Suggesting a name twice in one trial", StringComparison.Ordinal)..];
        rule = rule[..rule.IndexOf("\n- ", StringComparison.Ordinal)];

        Assert.Contains("returns the first value, which may lie outside the second range", rule,
            StringComparison.Ordinal);
        Assert.Contains("warning", rule, StringComparison.Ordinal);
        Assert.Contains(HoneEventIds.InconsistentRepeat.ToString(CultureInfo.InvariantCulture), rule,
            StringComparison.Ordinal);
    }

    private static object? Suggest(Trial trial, string kind) => kind switch
    {
        "float" => trial.SuggestFloat("p", 0, 10),
        "int" => (long)trial.SuggestInt("p", 0, 10),
        _ => trial.SuggestCategorical("p", "a", "b"),
    };

    private static void SuggestSpace(Trial trial, string space)
    {
        string[] parts = space.Split(':');
        string[] args = parts[1].Split(',');
        bool log = args.Contains("log");
        switch (parts[0])
        {
            case "cat":
                trial.SuggestCategorical("p", args);
                break;
            case "float":
                trial.SuggestFloat("p", 0.1, 10, log: log);
                break;
            default:
                trial.SuggestInt("p", 1, 10, log: log);
                break;
        }
    }
}
