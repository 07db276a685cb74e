using Hone.Distributions;

namespace Hone.Tests.Distributions;

public sealed class IntDistributionTests
{
    [Fact]
    public void Constructor_LowAboveHigh_ThrowsWithValues()
    {
        var error = Assert.Throws<ArgumentException>(() => new IntDistribution(5, 1));

        Assert.Contains("'low <= high' must hold, but got low=5, high=1.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Constructor_NonPositiveStep_Throws(long step)
    {
        Assert.Throws<ArgumentException>(() => new IntDistribution(0, 10, step: step));
    }

    [Fact]
    public void Constructor_LogWithStepOtherThanOne_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new IntDistribution(1, 128, log: true, step: 2));

        Assert.Contains("got step=2, log=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_LogWithStepOne_IsAllowed()
    {
        var distribution = new IntDistribution(1, 128, log: true, step: 1);

        Assert.True(distribution.Log);
    }

    [Fact]
    public void Constructor_LogWithZeroLow_Throws()
    {
        Assert.Throws<ArgumentException>(() => new IntDistribution(0, 10, log: true));
    }

    [Theory]
    [InlineData(0, 10, 3, 9)]
    [InlineData(1, 10, 3, 10)]
    [InlineData(1, 3, 3, 1)]
    [InlineData(-7, 7, 4, 5)]
    public void Constructor_Step_NarrowsHigh(long low, long high, long step, long expected)
    {
        Assert.Equal(expected, new IntDistribution(low, high, step: step).High);
    }

    [Fact]
    public void ToInternal_NonIntegralValue_Throws()
    {
        var distribution = new IntDistribution(0, 10);

        var error = Assert.Throws<ArgumentException>(() => distribution.ToInternal(2.5));

        Assert.Contains("integral", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToExternal_ReturnsLong()
    {
        Assert.IsType<long>(new IntDistribution(0, 10).ToExternal(3));
    }
}
