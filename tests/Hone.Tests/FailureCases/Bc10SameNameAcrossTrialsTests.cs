using System.Globalization;
using Hone.Distributions;
using static Hone.Tests.FailureCases.FailureCaseHelpers;

namespace Hone.Tests.FailureCases;

/// <summary>BC-10: across the trials of one study a parameter name keeps its kind, its log flag and its categorical
/// choices; only a numeric range (or step) may change.</summary>
/// <remarks>Spaces are written as <c>kind:arguments</c>: <c>cat:L0,L1</c>, <c>float:1,10</c>, <c>float:1,10,log</c>,
/// <c>float:0,1,step=0.25</c>, <c>int:1,10</c>, <c>int:1,10,log</c>, <c>int:0,10,step=2</c>.</remarks>
[Trait("Issue", "BC-10")]
public sealed class Bc10SameNameAcrossTrialsTests
{
    [Theory]
    [InlineData("cat:L0,L1", "cat:L2,L3")]
    [InlineData("cat:L0,L1", "cat:L1,L0")]
    [InlineData("cat:L0,L1", "cat:L0,L1,L2")]
    [InlineData("cat:L0,L1", "cat:L0")]
    [InlineData("float:1,10", "float:1,10,log")]
    [InlineData("float:1,10,log", "float:1,10")]
    [InlineData("int:1,10", "int:1,10,log")]
    [InlineData("int:1,10,log", "int:1,10")]
    [InlineData("float:1,10", "int:1,10")]
    [InlineData("int:1,10", "float:1,10")]
    [InlineData("cat:L0,L1", "float:0,1")]
    [InlineData("float:0,1", "cat:L0,L1")]
    [InlineData("int:0,10,step=2", "cat:L0,L1")]
    public void Optimize_IncompatibleSpaceInLaterTrial_FailsThatTrialWithIncompatibleDistribution(
        string first, string second)
    {
        var study = CreateStudy(seed: 101);

        study.Optimize(t => Suggest(t, "p", t.Number == 0 ? first : second), trials: 3,
            catchExceptions: [typeof(IncompatibleDistributionException)]);

        var trials = study.Trials;
        Assert.Equal(TrialState.Complete, trials[0].State);
        Assert.All(trials.Skip(1), t =>
        {
            Assert.Equal(TrialState.Fail, t.State);
            Assert.False(t.Params.ContainsKey("p"));
            Assert.Contains(nameof(IncompatibleDistributionException),
                (string)t.SystemAttributes[Study.FailReasonKey]!, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Optimize_CategoricalChoicesChangeNotCaught_PropagatesIncompatibleDistribution()
    {
        var study = CreateStudy(seed: 102);

        var error = Assert.Throws<IncompatibleDistributionException>(() => study.Optimize(
            t => Suggest(t, "cnn", t.Number == 0 ? "cat:L0,L1" : "cat:L2,L3"), trials: 2));

        Assert.Contains("'cnn'", error.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { TrialState.Complete, TrialState.Fail }, study.Trials.Select(t => t.State));
    }

    [Theory]
    [InlineData("float:0,1", "float:0,2")]
    [InlineData("float:0,1", "float:-5,-4")]
    [InlineData("float:0,1", "float:0.5,3,step=0.5")]
    [InlineData("float:0,1,step=0.25", "float:0,1")]
    [InlineData("float:1,10,log", "float:0.1,100,log")]
    [InlineData("int:0,10", "int:5,20")]
    [InlineData("int:0,10", "int:0,10,step=2")]
    [InlineData("int:1,10,log", "int:1,1000,log")]
    [InlineData("cat:L0,L1", "cat:L0,L1")]
    public void Optimize_CompatibleSpaceInLaterTrial_CompletesWithTheNewDistribution(string first, string second)
    {
        var study = CreateStudy(seed: 103);

        study.Optimize(t => Suggest(t, "p", t.Number == 0 ? first : second), trials: 20);

        var trials = study.Trials;
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(ParseSpace(first), trials[0].Distributions["p"]);
        Assert.All(trials.Skip(1), t =>
        {
            Assert.Equal(ParseSpace(second), t.Distributions["p"]);
            Assert.True(t.Distributions["p"].Contains(t.GetInternalParam("p")));
        });
    }

    [Fact]
    public void Suggest_ConflictWithATrialStillRunning_IsDetectedAndLeavesTheTrialUsable()
    {
        var study = CreateStudy(seed: 104);
        var first = study.Ask();
        var second = study.Ask();
        first.SuggestFloat("lr", 1, 10);

        Assert.Throws<IncompatibleDistributionException>(() => second.SuggestFloat("lr", 1, 10, log: true));
        double value = second.SuggestFloat("lr2", 1, 10, log: true);
        study.Tell(first, 0.0);
        study.Tell(second, value);

        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.False(study.Trials[1].Params.ContainsKey("lr"));
    }

    [Fact]
    public void AddTrial_DistributionIncompatibleWithStudy_ThrowsIncompatibleDistribution()
    {
        var study = CreateStudy(seed: 105);
        study.Optimize(t => Suggest(t, "cnn", "cat:L0,L1"), trials: 2);
        var template = new FrozenTrial
        {
            State = TrialState.Complete,
            Values = [0.0],
            Params = new Dictionary<string, object?> { ["cnn"] = "L2" },
            Distributions = new Dictionary<string, Distribution>
            {
                ["cnn"] = new CategoricalDistribution(["L2", "L3"]),
            },
        };

        Assert.Throws<IncompatibleDistributionException>(() => study.AddTrial(template));

        Assert.Equal(2, study.Trials.Count);
    }

    [Fact]
    public void EnqueueTrial_ValueNotAmongKnownChoices_ThrowsNamingParameter()
    {
        var study = CreateStudy(seed: 106);
        study.Optimize(t => Suggest(t, "cnn", "cat:L0,L1"), trials: 2);

        var error = Assert.Throws<ArgumentException>(
            () => study.EnqueueTrial(new Dictionary<string, object?> { ["cnn"] = "L2" }));

        Assert.Contains("'cnn'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(study.Trials, t => t.State == TrialState.Waiting);
    }

    private static double Suggest(Trial trial, string name, string space)
    {
        switch (ParseSpace(space))
        {
            case CategoricalDistribution c:
                return trial.SuggestCategorical(name, c.Choices.Cast<string>().ToArray()).Length;
            case FloatDistribution f:
                return trial.SuggestFloat(name, f.Low, f.High, f.Step, f.Log);
            case IntDistribution i:
                return trial.SuggestInt(name, (int)i.Low, (int)i.High, (int)i.Step, i.Log);
            default:
                throw new ArgumentException($"Unknown space '{space}'.", nameof(space));
        }
    }

    private static Distribution ParseSpace(string space)
    {
        string[] parts = space.Split(':');
        string[] args = parts[1].Split(',');
        if (parts[0] == "cat")
        {
            return new CategoricalDistribution(args);
        }

        double low = double.Parse(args[0], CultureInfo.InvariantCulture);
        double high = double.Parse(args[1], CultureInfo.InvariantCulture);
        bool log = args.Contains("log");
        string? stepArg = args.FirstOrDefault(a => a.StartsWith("step=", StringComparison.Ordinal));
        double? step = stepArg is null ? null : double.Parse(stepArg[5..], CultureInfo.InvariantCulture);
        return parts[0] == "float"
            ? new FloatDistribution(low, high, log, step)
            : new IntDistribution((long)low, (long)high, log, (long)(step ?? 1));
    }
}
