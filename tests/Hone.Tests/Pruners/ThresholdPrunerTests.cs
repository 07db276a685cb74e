using Hone.Pruners;
using static Hone.Tests.Pruners.PrunerTestStudies;

namespace Hone.Tests.Pruners;

public sealed class ThresholdPrunerTests
{
    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new ThresholdPrunerOptions();

        Assert.Equal(0, options.WarmupSteps);
        Assert.Equal(1, options.IntervalSteps);
    }

    [Fact]
    public void Constructor_NoBound_ThrowsAndSaysWhatToSet()
    {
        var error = Assert.Throws<ArgumentException>(() => new ThresholdPruner());

        Assert.StartsWith(
            "ThresholdPruner needs a bound: set 'lower', 'upper' or both, but got neither.", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_LowerAboveUpper_ThrowsNamingRuleAndValues()
    {
        var error = Assert.Throws<ArgumentException>(() => new ThresholdPruner(lower: 2.5, upper: 1.0));

        Assert.StartsWith("'lower <= upper' must hold, but got lower=2.5, upper=1.", error.Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Constructor_NaNBound_Throws(bool lower)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => lower ? new ThresholdPruner(lower: double.NaN) : new ThresholdPruner(upper: double.NaN));

        Assert.StartsWith($"'{(lower ? "lower" : "upper")}' must be a number or null, but got NaN.", error.Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 1, "'WarmupSteps' must be at least 0, but got -1.")]
    [InlineData(0, 0, "'IntervalSteps' must be at least 1, but got 0.")]
    public void Constructor_OptionOutOfRange_ThrowsNamingRuleAndValue(int warmup, int interval, string message)
    {
        var options = new ThresholdPrunerOptions { WarmupSteps = warmup, IntervalSteps = interval };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ThresholdPruner(upper: 1, options: options));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Bounds [0, 2]: values equal to a bound are kept; NaN and values beyond a bound are pruned.
    [InlineData(0.0, false)]
    [InlineData(2.0, false)]
    [InlineData(1.0, false)]
    [InlineData(-0.001, true)]
    [InlineData(2.001, true)]
    [InlineData(double.NaN, true)]
    [InlineData(double.PositiveInfinity, true)]
    [InlineData(double.NegativeInfinity, true)]
    public void Prune_BothBounds_PrunesOutsideAndOnNaN(double value, bool expected)
    {
        var study = Create(new ThresholdPruner(lower: 0.0, upper: 2.0));

        Assert.Equal(expected, ReportAndAsk(study.Ask(), value, 0));
    }

    [Theory]
    [InlineData(double.NegativeInfinity, false)]
    [InlineData(-1e300, false)]
    [InlineData(2.001, true)]
    public void Prune_UpperOnly_HasNoLowerBound(double value, bool expected)
    {
        var study = Create(new ThresholdPruner(upper: 2.0));

        Assert.Equal(expected, ReportAndAsk(study.Ask(), value, 0));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, false)]
    [InlineData(-0.5, true)]
    public void Prune_LowerOnly_HasNoUpperBound(double value, bool expected)
    {
        var study = Create(new ThresholdPruner(lower: 0.0));

        Assert.Equal(expected, ReportAndAsk(study.Ask(), value, 0));
    }

    [Fact]
    public void Prune_EqualBounds_KeepsOnlyThatValue()
    {
        var study = Create(new ThresholdPruner(lower: 1.0, upper: 1.0));
        var trial = study.Ask();

        Assert.Equal([1], ReportAll(trial, 1.0, 1.5));
    }

    [Theory]
    [InlineData(StudyDirection.Minimize)]
    [InlineData(StudyDirection.Maximize)]
    public void Prune_EitherDirection_JudgesTheLatestValueOnly(StudyDirection direction)
    {
        // Upper bound 2: a trial that went out (3.0 at step 1) and came back (1.0 at step 2) is kept at step 2.
        var study = Create(new ThresholdPruner(upper: 2.0), direction);

        Assert.Equal([1], ReportAll(study.Ask(), 1.0, 3.0, 1.0));
    }

    [Fact]
    public void Prune_StepsReportedOutOfOrder_JudgesTheHighestStep()
    {
        // Steps 2 then 1: the current step stays 2 (value 1.0), so the bad value at step 1 is not judged.
        var study = Create(new ThresholdPruner(upper: 2.0));
        var trial = study.Ask();

        bool atTwo = ReportAndAsk(trial, 1.0, 2);
        bool afterOne = ReportAndAsk(trial, 3.0, 1);

        Assert.False(atTwo);
        Assert.False(afterOne);
    }

    [Fact]
    public void Prune_IntervalSteps_ChecksTheFirstStepOfEachWindow()
    {
        // WarmupSteps = 0, IntervalSteps = 2: windows [0, 1], [2, 3], [4, 5]; steps 0, 2 and 4 are checked.
        var study = Create(new ThresholdPruner(upper: 2.0, options: new ThresholdPrunerOptions { IntervalSteps = 2 }));

        Assert.Equal([0, 2, 4], ReportAll(study.Ask(), 3.0, 3.0, 3.0, 3.0, 3.0, 3.0));
    }

    [Fact]
    public void Prune_WarmupAndInterval_CountWindowsFromTheWarmup()
    {
        // WarmupSteps = 1, IntervalSteps = 2: step 0 is protected, windows [1, 2], [3, 4]; steps 1 and 3 checked.
        var options = new ThresholdPrunerOptions { WarmupSteps = 1, IntervalSteps = 2 };
        var study = Create(new ThresholdPruner(upper: 2.0, options: options));

        Assert.Equal([1, 3], ReportAll(study.Ask(), 3.0, 3.0, 3.0, 3.0, 3.0));
    }

    [Fact]
    public void Prune_NoIntermediateValue_ReturnsFalse()
    {
        var study = Create(new ThresholdPruner(upper: 2.0));

        Assert.False(study.Ask().ShouldPrune());
    }
}
