using Hone.Distributions;
using Hone.Storages;
using Hone.Tests.Support;
using static Hone.Tests.FailureCases.FailureCaseHelpers;

namespace Hone.Tests.FailureCases;

/// <summary>BC-01: a step that does not divide [low, high] narrows high to the last grid point anchored at low,
/// warns once per distribution, and every value is <c>low + k·step</c>.</summary>
[Trait("Issue", "BC-01")]
public sealed class Bc01StepNotDividingRangeTests
{
    private const double RoiLow = 0.022943223880069138;
    private const double RoiHigh = 0.4588644776013828;
    private const double RoiStep = 0.001;
    private const double RoiNarrowedHigh = 0.45794322388006914;

    [Fact]
    public void SuggestFloat_StepDoesNotDivideRange_ValuesLieOnGridAnchoredAtLowUpToNarrowedHigh()
    {
        var logs = new CapturingLoggerFactory();
        var storage = new InMemoryStorage();
        var study = CreateStudy(seed: 1, logs, storage: storage, name: "bc01-float");

        study.Optimize(t => t.SuggestFloat("roi", RoiLow, RoiHigh, step: RoiStep), trials: 1000);

        var trials = Study.Load("bc01-float", storage).Trials;
        Assert.Equal(1000, trials.Count);
        foreach (var trial in trials)
        {
            Assert.Equal(TrialState.Complete, trial.State);
            double v = Assert.IsType<double>(trial.Params["roi"]);
            double k = (v - RoiLow) / RoiStep;
            Assert.True(Math.Abs(k - Math.Round(k)) <= 1e-9, $"{v:R} is not low + k*step (k = {k:R}).");
            Assert.InRange(Math.Round(k), 0, 435);
            Assert.InRange(v, RoiLow, RoiNarrowedHigh);
            var distribution = Assert.IsType<FloatDistribution>(trial.Distributions["roi"]);
            Assert.Equal(RoiNarrowedHigh, distribution.High);
            Assert.Equal(RoiLow, distribution.Low);
            Assert.Equal(RoiStep, distribution.Step);
        }

        var warning = Assert.Single(logs.Warnings);
        Assert.Equal(HoneEventIds.StepNarrowedHigh, warning.EventId);
        Assert.Contains("'roi'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("0.45794322388006914", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SuggestInt_StepDoesNotDivideRange_ValuesAreGridPointsAndAllAreReached()
    {
        var logs = new CapturingLoggerFactory();
        var study = CreateStudy(seed: 2, logs);
        var returned = new List<int>();

        study.Optimize(t =>
        {
            returned.Add(t.SuggestInt("n", 0, 10, step: 3));
            return 0.0;
        }, trials: 1000);

        Assert.Equal(new[] { 0, 3, 6, 9 }, returned.Distinct().Order());
        foreach (var trial in study.Trials)
        {
            long v = Assert.IsType<long>(trial.Params["n"]);
            Assert.Equal(returned[trial.Number], v);
            var distribution = Assert.IsType<IntDistribution>(trial.Distributions["n"]);
            Assert.Equal(9, distribution.High);
        }

        var warning = Assert.Single(logs.Warnings);
        Assert.Equal(HoneEventIds.StepNarrowedHigh, warning.EventId);
        Assert.Contains("'n'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("9", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 1.0, 0.3, 0.9)]
    [InlineData(0.1, 1.05, 0.2, 0.9)]
    [InlineData(-1.0, 1.0, 0.75, 0.5)]
    [InlineData(10.0, 1000.0, 50.0, 960.0)]
    [InlineData(1e-3, 2.5e-3, 1e-3, 2e-3)]
    [InlineData(-5.5, -1.0, 2.0, -1.5)]
    [InlineData(RoiLow, RoiHigh, RoiStep, RoiNarrowedHigh)]
    public void SuggestFloat_OtherStepsThatDoNotDivide_NarrowHighOnceAndStayOnGrid(
        double low, double high, double step, double narrowedHigh)
    {
        var logs = new CapturingLoggerFactory();
        var study = CreateStudy(seed: 3, logs);

        study.Optimize(t => t.SuggestFloat("p", low, high, step: step), trials: 300);

        long intervals = (long)Math.Round((narrowedHigh - low) / step);
        var ks = new HashSet<long>();
        foreach (var trial in study.Trials)
        {
            double v = (double)trial.Params["p"]!;
            double k = (v - low) / step;
            Assert.True(Math.Abs(k - Math.Round(k)) <= 1e-9, $"{v:R} is not low + k*step.");
            Assert.InRange(v, low, narrowedHigh);
            ks.Add((long)Math.Round(k));
            Assert.Equal(narrowedHigh, ((FloatDistribution)trial.Distributions["p"]).High);
        }

        if (intervals < 30)
        {
            Assert.Contains(intervals, ks);
            Assert.Contains(0L, ks);
        }

        var warning = Assert.Single(logs.Warnings);
        Assert.Contains("'p'", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 0.3, 0.1)]
    [InlineData(0.0, 1.0, 0.1)]
    [InlineData(-0.3, 0.3, 0.1)]
    [InlineData(1.0, 2.0, 0.25)]
    [InlineData(0.7, 1.0, 0.1)]
    [InlineData(10.0, 960.0, 50.0)]
    public void SuggestFloat_StepDividesRangeInDecimal_KeepsHighWithoutWarningAndReachesIt(
        double low, double high, double step)
    {
        var logs = new CapturingLoggerFactory();
        var study = CreateStudy(seed: 4, logs);

        study.Optimize(t => t.SuggestFloat("p", low, high, step: step), trials: 300);

        Assert.Empty(logs.Warnings);
        var values = study.Trials.Select(t => (double)t.Params["p"]!).ToList();
        Assert.All(study.Trials, t => Assert.Equal(high, ((FloatDistribution)t.Distributions["p"]).High));
        Assert.All(values, v => Assert.InRange(v, low, high));
        Assert.True(Math.Abs(values.Max() - high) <= 1e-12 * Math.Max(1, Math.Abs(high)),
            $"The top of the grid, {high:R}, was never drawn; the largest value is {values.Max():R}.");
    }

    [Theory]
    [InlineData(0L, 10L, 3L, 9L)]
    [InlineData(1L, 10L, 4L, 9L)]
    [InlineData(-7L, 7L, 5L, 3L)]
    [InlineData(5L, 100L, 10L, 95L)]
    [InlineData(0L, 10_000_000_000L, 3_000_000_000L, 9_000_000_000L)]
    [InlineData(int.MinValue, int.MaxValue, 1_000_000_000L, 1_852_516_352L)]
    public void SuggestLong_OtherStepsThatDoNotDivide_NarrowHighOnceAndReachEveryGridPoint(
        long low, long high, long step, long narrowedHigh)
    {
        var logs = new CapturingLoggerFactory();
        var study = CreateStudy(seed: 5, logs);

        study.Optimize(t => t.SuggestLong("p", low, high, step: step), trials: 300);

        var expected = new List<long>();
        for (long v = low; v <= narrowedHigh; v += step)
        {
            expected.Add(v);
        }

        var values = study.Trials.Select(t => Assert.IsType<long>(t.Params["p"])).ToList();
        Assert.Equal(expected, values.Distinct().Order());
        Assert.All(study.Trials, t => Assert.Equal(narrowedHigh, ((IntDistribution)t.Distributions["p"]).High));
        var warning = Assert.Single(logs.Warnings);
        Assert.Contains("'p'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggest_TwoNarrowedParameters_WarnOncePerDistributionNotPerTrial()
    {
        var logs = new CapturingLoggerFactory();
        var study = CreateStudy(seed: 6, logs);

        study.Optimize(t => t.SuggestFloat("a", 0, 1, step: 0.3) + t.SuggestInt("b", 0, 10, step: 4), trials: 50);

        Assert.Equal(2, logs.Warnings.Count);
        Assert.Single(logs.Warnings, w => w.Message.Contains("'a'", StringComparison.Ordinal));
        Assert.Single(logs.Warnings, w => w.Message.Contains("'b'", StringComparison.Ordinal));
    }

    /// <summary>Lows with 17 significant digits and a step wider than what is left of the range: only low is
    /// admissible, so the narrowed high must be low itself, not a value a rounding error below it.</summary>
    [Theory]
    [InlineData(0.022943223880069138, 0.0239, 0.001)]
    [InlineData(0.18060922724223194, 0.18137265540723346, 0.001)]
    [InlineData(0.9671547873724041, 0.9674509737954712, 0.01)]
    [InlineData(0.39819265734320164, 0.4073719502926674, 0.01)]
    public void SuggestFloat_NarrowedToLowWithManyDigits_ReturnsLowInsteadOfFailing(
        double low, double high, double step)
    {
        var study = CreateStudy(seed: 7);

        study.Optimize(t => t.SuggestFloat("p", low, high, step: step), trials: 10);

        Assert.All(study.Trials, t =>
        {
            Assert.Equal(TrialState.Complete, t.State);
            Assert.Equal(low, (double)t.Params["p"]!);
            var distribution = (FloatDistribution)t.Distributions["p"];
            Assert.Equal(low, distribution.High);
            Assert.True(distribution.IsSingle);
        });
    }

    [Fact]
    public void FloatDistribution_ManyRandomSteppedRanges_NarrowedHighIsTheLastGridPointInsideTheRange()
    {
        var random = new Random(8);
        double[] steps = [0.001, 0.01, 0.1, 0.3, 0.05, 1e-5, 0.25, 7.0];
        var problems = new List<string>();

        for (int i = 0; i < 20_000; i++)
        {
            double step = steps[i % steps.Length];
            double low = (random.NextDouble() * 10) - 5;
            double high = low + (random.NextDouble() * 20 * step);
            var distribution = new FloatDistribution(low, high, step: step);
            double k = Math.Round((distribution.High - low) / step);
            double gridPoint = low + (k * step);
            bool onGrid = Math.Abs(distribution.High - gridPoint) <= 1e-12 * Math.Max(1, Math.Abs(gridPoint));
            bool last = high - distribution.High < step * (1 + 1e-9);
            if (distribution.High < low || distribution.High > high || !onGrid || !last)
            {
                problems.Add($"low={low:R} high={high:R} step={step:R} -> {distribution.High:R}");
            }
        }

        Assert.True(problems.Count == 0,
            $"{problems.Count} ranges narrowed badly, e.g. {string.Join("; ", problems.Take(5))}");
    }

    [Fact]
    public void Distributions_StepDoesNotDivideRange_NarrowHighAndRejectRoundDecimalsOffTheGrid()
    {
        var roi = new FloatDistribution(RoiLow, RoiHigh, step: RoiStep);
        var n = new IntDistribution(0, 10, step: 3);

        Assert.Equal(RoiNarrowedHigh, roi.High);
        Assert.Equal(9, n.High);
        Assert.False(roi.Contains(0.005));
        Assert.False(roi.Contains(0.1));
        Assert.False(roi.Contains(RoiHigh));
        Assert.True(roi.Contains(RoiNarrowedHigh));
        Assert.True(roi.Contains(RoiLow + (100 * RoiStep)));
        Assert.False(n.Contains(10));
        Assert.False(n.Contains(4));
        Assert.True(n.Contains(9));
    }
}
