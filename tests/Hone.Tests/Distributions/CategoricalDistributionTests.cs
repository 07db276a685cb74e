using Hone.Distributions;

namespace Hone.Tests.Distributions;

public sealed class CategoricalDistributionTests
{
    [Fact]
    public void Constructor_NoChoices_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new CategoricalDistribution([]));

        Assert.Contains("'choices' must contain at least one value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnsupportedType_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new CategoricalDistribution(["a", new object()]));

        Assert.Contains("choice 1 is", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choices_KeepTheirTypes()
    {
        var distribution = new CategoricalDistribution(["a", true, 3, 4L, 2.5, null]);

        Assert.Equal("a", distribution.ToExternal(0));
        Assert.Equal(true, distribution.ToExternal(1));
        Assert.IsType<int>(distribution.ToExternal(2));
        Assert.IsType<long>(distribution.ToExternal(3));
        Assert.IsType<double>(distribution.ToExternal(4));
        Assert.Null(distribution.ToExternal(5));
    }

    [Fact]
    public void ToInternal_FindsChoiceAcrossNumericTypes()
    {
        var distribution = new CategoricalDistribution([null, 1]);

        Assert.Equal(0, distribution.ToInternal(null));
        Assert.Equal(1, distribution.ToInternal(1L));
        Assert.Throws<ArgumentException>(() => distribution.ToInternal("1"));
    }

    [Fact]
    public void ToInternal_SameNumberOfSeveralTypes_FindsTheChoiceOfTheSameType()
    {
        var distribution = new CategoricalDistribution([2, 2L, 2.0, 0.0, -0.0]);

        Assert.Equal(0, distribution.ToInternal(2));
        Assert.Equal(1, distribution.ToInternal(2L));
        Assert.Equal(2, distribution.ToInternal(2.0));
        Assert.Equal(3, distribution.ToInternal(0.0));
        Assert.Equal(4, distribution.ToInternal(-0.0));
    }

    [Fact]
    public void Equality_ComparesChoicesInOrder()
    {
        Assert.Equal(new CategoricalDistribution(["a", "b"]), new CategoricalDistribution(["a", "b"]));
        Assert.NotEqual(new CategoricalDistribution(["a", "b"]), new CategoricalDistribution(["b", "a"]));
        Assert.Equal(
            new CategoricalDistribution(["a", "b"]).GetHashCode(),
            new CategoricalDistribution(["a", "b"]).GetHashCode());
    }
}
