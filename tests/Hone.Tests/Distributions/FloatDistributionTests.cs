using Hone.Distributions;

namespace Hone.Tests.Distributions;

public sealed class FloatDistributionTests
{
    [Theory]
    [InlineData(5.0, 1.0, "'low <= high' must hold, but got low=5, high=1.")]
    [InlineData(double.NaN, 1.0, "'low' and 'high' must be finite, but got low=NaN, high=1.")]
    [InlineData(0.0, double.PositiveInfinity, "'low' and 'high' must be finite, but got low=0, high=Infinity.")]
    public void Constructor_InvalidBounds_ThrowsWithRuleAndValues(double low, double high, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new FloatDistribution(low, high));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Constructor_NonPositiveStep_Throws(double step)
    {
        var error = Assert.Throws<ArgumentException>(() => new FloatDistribution(0, 1, step: step));

        Assert.Contains("'step > 0' must hold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_LogWithNonPositiveLow_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new FloatDistribution(0, 1, log: true));

        Assert.Contains("'low > 0' must hold when log=true, but got low=0, high=1.", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_StepWithLog_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new FloatDistribution(1e-4, 1, log: true, step: 1e-4));

        Assert.Contains("'step' and 'log' cannot be used together", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.022943223880069138, 0.4588644776013828, 0.001, 0.45794322388006914)]
    [InlineData(10.0, 1000.0, 50.0, 960.0)]
    [InlineData(2.0, 10.0, 5.0, 7.0)]
    [InlineData(0.0, 1.0, 0.1, 1.0)]
    [InlineData(0.0, 10.0, 2.5, 10.0)]
    public void Constructor_Step_NarrowsHighToLastGridPoint(double low, double high, double step, double expected)
    {
        var distribution = new FloatDistribution(low, high, step: step);

        Assert.Equal(expected, distribution.High);
    }

    [Fact]
    public void Contains_ValuesOffGridOrOutside_AreRejected()
    {
        var distribution = new FloatDistribution(2, 10, step: 5);

        Assert.True(distribution.Contains(2));
        Assert.True(distribution.Contains(7));
        Assert.False(distribution.Contains(5));
        Assert.False(distribution.Contains(12));
        Assert.False(distribution.Contains(double.NaN));
    }

    [Fact]
    public void LowEqualsHigh_IsLegalAndSingle()
    {
        var distribution = new FloatDistribution(2, 2, log: true);

        Assert.True(distribution.IsSingle);
    }

    [Fact]
    public void Equality_SameArguments_AreEqual()
    {
        Assert.Equal(new FloatDistribution(0, 1, step: 0.1), new FloatDistribution(0, 1, step: 0.1));
        Assert.NotEqual(new FloatDistribution(1, 2), new FloatDistribution(1, 2, log: true));
    }
}
