using Hone.Distributions;
using Hone.Samplers;
using static Hone.Tests.FailureCases.FailureCaseHelpers;

namespace Hone.Tests.FailureCases;

/// <summary>BC-05: a log-scale parameter never holds a value &lt;= 0 or NaN: bounds are checked at suggest time, and
/// enqueued values are refused (by EnqueueTrial, or by the trial that would use them) with the parameter named, so
/// the sampler never sees such a value and later trials run normally.</summary>
[Trait("Issue", "BC-05")]
public sealed class Bc05NonPositiveLogValuesTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(-1.0, 1.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(-2.0, -1.0)]
    [InlineData(-0.0, 10.0)]
    public void SuggestFloat_LogWithNonPositiveLow_ThrowsArgumentExceptionAtSuggestTime(double low, double high)
    {
        var study = CreateStudy();
        var trial = study.Ask();

        var error = Assert.Throws<ArgumentException>(() => trial.SuggestFloat("x", low, high, log: true));

        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
        Assert.Empty(study.Trials[0].Params);
        Assert.Throws<ArgumentException>(() => new FloatDistribution(low, high, log: true));
    }

    [Theory]
    [InlineData(0L, 10L)]
    [InlineData(-5L, 5L)]
    [InlineData(0L, 0L)]
    [InlineData(-10L, -1L)]
    public void SuggestInt_LogWithNonPositiveLow_ThrowsArgumentExceptionAtSuggestTime(long low, long high)
    {
        var study = CreateStudy();
        var trial = study.Ask();

        var intError = Assert.Throws<ArgumentException>(() => trial.SuggestInt("k", (int)low, (int)high, log: true));
        var longError = Assert.Throws<ArgumentException>(() => trial.SuggestLong("k64", low, high, log: true));

        Assert.Contains("'k'", intError.Message, StringComparison.Ordinal);
        Assert.Contains("'k64'", longError.Message, StringComparison.Ordinal);
        Assert.Empty(study.Trials[0].Params);
        Assert.Throws<ArgumentException>(() => new IntDistribution(low, high, log: true));
    }

    // NOTE(hone): the NSGA-II sampler (population 2, seed 2) arrives with a later issue; extend this test then.
    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(-1e-300)]
    public void Optimize_EnqueuedNonPositiveLogValueBeforeAnyTrial_TrialFailsNamingParameterAndLaterTrialsRun(
        double bad)
    {
        var sampler = new GuardSampler(seed: 51);
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = bad, ["y"] = bad });

        study.Optimize(Objective, trials: 20, catchExceptions: [typeof(ArgumentException)]);
        study.Optimize(Objective, trials: 19);

        var trials = study.Trials;
        Assert.Equal(39, trials.Count);
        Assert.Equal(TrialState.Fail, trials[0].State);
        Assert.Contains("'y'", (string)trials[0].SystemAttributes[Study.FailReasonKey]!, StringComparison.Ordinal);
        Assert.All(trials.Skip(1), t => Assert.Equal(TrialState.Complete, t.State));
        AssertNoBadLogValue(study);
        Assert.Empty(sampler.Violations);
    }

    [Fact]
    public void Optimize_EnqueuedZeroNotCaught_ThrowsArgumentExceptionNamingParameterAndAFollowUpRunWorks()
    {
        var sampler = new GuardSampler(seed: 52);
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.0 });

        var error = Assert.Throws<ArgumentException>(() => study.Optimize(Objective, trials: 20));
        study.Optimize(Objective, trials: 19);

        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
        Assert.Equal(TrialState.Fail, study.Trials[0].State);
        Assert.Equal(19, study.GetTrials(TrialState.Complete).Count);
        AssertNoBadLogValue(study);
        Assert.Empty(sampler.Violations);
    }

    [Theory]
    [InlineData("x", 0.0)]
    [InlineData("y", 0.0)]
    [InlineData("x", -1e-12)]
    [InlineData("y", -3.0)]
    [InlineData("k", 0L)]
    [InlineData("k", -4L)]
    public void EnqueueTrial_NonPositiveValueForAKnownLogParameter_ThrowsNamingItAndQueuesNothing(
        string name, object bad)
    {
        var sampler = new GuardSampler(seed: 53);
        var study = Study.Create(new StudyOptions { Sampler = sampler });
        study.Optimize(ObjectiveWithInt, trials: 3);

        var error = Assert.Throws<ArgumentException>(
            () => study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 1.0, [name] = bad }));
        study.Optimize(ObjectiveWithInt, trials: 5);

        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(8, study.Trials.Count);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        AssertNoBadLogValue(study);
        Assert.Empty(sampler.Violations);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(float.NaN)]
    public void EnqueueTrial_NotFiniteValue_ThrowsNamingParameterBeforeAndAfterTheParameterIsKnown(double bad)
    {
        var study = CreateStudy(seed: 54);

        var before = Assert.Throws<ArgumentException>(
            () => study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = bad }));
        study.Optimize(Objective, trials: 2);
        var after = Assert.Throws<ArgumentException>(
            () => study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = bad }));
        var asFloat = Assert.Throws<ArgumentException>(
            () => study.EnqueueTrial(new Dictionary<string, object?> { ["y"] = (float)bad }));
        study.Optimize(Objective, trials: 19);

        Assert.Contains("'x'", before.Message, StringComparison.Ordinal);
        Assert.Contains("'x'", after.Message, StringComparison.Ordinal);
        Assert.Contains("'y'", asFloat.Message, StringComparison.Ordinal);
        Assert.Equal(21, study.Trials.Count);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        AssertNoBadLogValue(study);
    }

    [Fact]
    public void AskTell_EnqueuedZeroForLogParameter_SuggestThrowsNamingItAndTheTrialCanStillBeTold()
    {
        var study = CreateStudy(seed: 55);
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.0 });
        var trial = study.Ask();

        var error = Assert.Throws<ArgumentException>(() => trial.SuggestFloat("x", 1e-4, 10, log: true));

        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
        Assert.Empty(trial.Params);
        Assert.Equal(TrialState.Fail, study.Tell(trial, TrialState.Fail).State);
        AssertNoBadLogValue(study);
    }

    [Fact]
    public void AddTrial_NonPositiveValueForLogDistribution_ThrowsNamingParameter()
    {
        var study = CreateStudy();
        var template = new FrozenTrial
        {
            State = TrialState.Complete,
            Values = [1.0],
            Params = new Dictionary<string, object?> { ["x"] = 0.0 },
            Distributions = new Dictionary<string, Distribution> { ["x"] = new FloatDistribution(1e-4, 10, log: true) },
        };

        var error = Assert.Throws<ArgumentException>(() => study.AddTrial(template));

        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
        Assert.Empty(study.Trials);
    }

    private static double Objective(Trial trial)
    {
        double y = trial.SuggestFloat("y", 1e-4, 10, log: true);
        double x = trial.SuggestFloat("x", 1e-4, 10, log: true);
        return x + y;
    }

    private static double ObjectiveWithInt(Trial trial) => Objective(trial) + trial.SuggestInt("k", 1, 100, log: true);

    private static void AssertNoBadLogValue(Study study) =>
        Assert.All(study.Trials, t => Assert.Empty(BadLogValues(t)));

    private static IEnumerable<string> BadLogValues(FrozenTrial trial)
    {
        foreach (var (name, distribution) in trial.Distributions)
        {
            bool isLog = distribution is FloatDistribution { Log: true } or IntDistribution { Log: true };
            double value = AsDouble(trial.Params[name]);
            if (isLog && !(value > 0))
            {
                yield return $"trial {trial.Number}: {name} = {value}";
            }
        }
    }

    /// <summary>Draws like the random sampler and records every time it is shown a history or a trial that holds a
    /// log-scale value &lt;= 0 or NaN.</summary>
    private sealed class GuardSampler(int seed) : Sampler
    {
        private readonly RandomSampler _inner = new(seed);

        public List<string> Violations { get; } = [];

        public override double SampleIndependent(
            Study study, FrozenTrial trial, string name, Distribution distribution)
        {
            Violations.AddRange(study.Trials.SelectMany(BadLogValues));
            Violations.AddRange(BadLogValues(trial));
            return _inner.SampleIndependent(study, trial, name, distribution);
        }

        public override void AfterTrial(
            Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values) =>
            Violations.AddRange(BadLogValues(trial));
    }
}
