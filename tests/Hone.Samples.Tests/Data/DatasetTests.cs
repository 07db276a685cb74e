using Hone.Samples.Digits.Data;

namespace Hone.Samples.Tests.Data;

public sealed class DatasetTests
{
    [Fact]
    public void Load_DigitsCsv_HasAllRowsAndLabels()
    {
        var data = TestData.Digits;

        Assert.Equal(1797, data.Count);
        Assert.Equal(64, data.FeatureCount);
        Assert.Equal(10, data.ClassCount);
        Assert.Equal(Enumerable.Range(0, 10), data.Labels.ToArray().Distinct().Order());
    }

    [Fact]
    public void Load_DigitsCsv_ScalesFeaturesToUnitInterval()
    {
        var features = TestData.Digits.Features.ToArray();

        Assert.Equal(0f, features.Min());
        Assert.Equal(1f, features.Max());
        Assert.Contains(0.5f, features); // pixel value 8 of 16
    }

    [Fact]
    public void Load_WithMaxSamples_KeepsThatManyRows()
    {
        var data = DatasetLoader.Load(TestData.DigitsPath, maxSamples: 100);

        Assert.Equal(100, data.Count);
        Assert.Equal(TestData.Digits.Row(99).ToArray(), data.Row(99).ToArray());
    }

    [Fact]
    public void Split_DigitsFifthForValidation_HasExpectedSizes()
    {
        var split = TestData.Digits.Split(0.2, seed: 7);

        Assert.Equal(1438, split.Train.Count);
        Assert.Equal(359, split.Validation.Count);
    }

    [Fact]
    public void Split_SameSeed_GivesSameRows()
    {
        var first = TestData.Digits.Split(0.2, seed: 7);
        var second = TestData.Digits.Split(0.2, seed: 7);

        Assert.Equal(first.Validation.Labels.ToArray(), second.Validation.Labels.ToArray());
        Assert.Equal(first.Train.Features.ToArray(), second.Train.Features.ToArray());
    }

    [Fact]
    public void Split_OtherSeed_GivesOtherRows()
    {
        var first = TestData.Digits.Split(0.2, seed: 7);
        var second = TestData.Digits.Split(0.2, seed: 8);

        Assert.NotEqual(first.Validation.Features.ToArray(), second.Validation.Features.ToArray());
    }

    [Fact]
    public void Split_Always_UsesEveryRowExactlyOnce()
    {
        var data = TestData.Digits;

        var split = data.Split(0.2, seed: 3);

        var expected = data.Labels.ToArray().GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var actual = split.Train.Labels.ToArray().Concat(split.Validation.Labels.ToArray())
            .GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Read_CsvWithRaggedRow_ThrowsWithLineNumber()
    {
        using var reader = new StringReader("1,2,0\n3,4,5,1\n");

        var error = Assert.Throws<InvalidDataException>(() => CsvDatasetReader.Read(reader, "bad.csv"));

        Assert.StartsWith("bad.csv:2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingPath_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => DatasetLoader.Load("/nonexistent/digits.csv"));
    }
}
