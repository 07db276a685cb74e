using Hone.Pruners;
using Hone.Samples.Digits;

namespace Hone.Samples.Tests;

public sealed class DigitsPrunersTests
{
    [Theory]
    [InlineData("hyperband", typeof(HyperbandPruner))]
    [InlineData("asha", typeof(SuccessiveHalvingPruner))]
    [InlineData("median", typeof(MedianPruner))]
    [InlineData("none", typeof(NopPruner))]
    public void Create_EveryName_GivesItsPruner(string name, Type expected)
    {
        Assert.IsType(expected, DigitsPruners.Create(name, epochs: 20));
    }

    [Fact]
    public void Create_Hyperband_SpansOneToTheEpochs()
    {
        var pruner = (HyperbandPruner)DigitsPruners.Create("hyperband", epochs: 20);
        var study = Study.Create(new StudyOptions { Pruner = pruner });

        // η = 4: brackets start at 1, 4 and 16, at most 20 epochs; 64 is not: three brackets, known at once.
        Assert.Equal(3, pruner.GetBrackets(study)!.Count);
    }

    [Fact]
    public void Create_UnknownName_ThrowsNamingTheChoices()
    {
        var error = Assert.Throws<ArgumentException>(() => DigitsPruners.Create("sometimes", epochs: 20));

        Assert.Contains("hyperband, asha, median, none", error.Message, StringComparison.Ordinal);
    }
}
