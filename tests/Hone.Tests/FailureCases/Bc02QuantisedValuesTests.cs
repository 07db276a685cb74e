using static Hone.Tests.FailureCases.FailureCaseHelpers;

namespace Hone.Tests.FailureCases;

/// <summary>BC-02: stepped values are drawn uniformly among <c>low + k·step</c>, never outside [low, high], with the
/// top grid point reachable and the end points as likely as the middle.</summary>
[Trait("Issue", "BC-02")]
public sealed class Bc02QuantisedValuesTests
{
    private const int Draws = 6000;

    [Theory]
    [InlineData(true, 1.0, 10.0, 3.0, new[] { 1.0, 4, 7, 10 })]
    [InlineData(false, 10.0, 1000.0, 50.0, new[]
    {
        10.0, 60, 110, 160, 210, 260, 310, 360, 410, 460, 510, 560, 610, 660, 710, 760, 810, 860, 910, 960,
    })]
    [InlineData(false, 2.0, 10.0, 5.0, new[] { 2.0, 7 })]
    [InlineData(false, 32.0, 96.0, 32.0, new[] { 32.0, 64, 96 })]
    [InlineData(true, 32.0, 96.0, 32.0, new[] { 32.0, 64, 96 })]
    [InlineData(false, 0.0, 10.0, 2.5, new[] { 0.0, 2.5, 5, 7.5, 10 })]
    [InlineData(true, 2.0, 10.0, 5.0, new[] { 2.0, 7 })]
    [InlineData(true, -10.0, 10.0, 7.0, new[] { -10.0, -3, 4 })]
    [InlineData(true, 0.0, 2.0, 1.0, new[] { 0.0, 1, 2 })]
    [InlineData(false, -1.0, 1.0, 0.5, new[] { -1.0, -0.5, 0, 0.5, 1 })]
    [InlineData(false, 0.0, 0.3, 0.1, new[] { 0.0, 0.1, 0.2, 0.3 })]
    [InlineData(true, 1_000_000_000_000.0, 1_000_000_000_030.0, 10.0, new[]
    {
        1_000_000_000_000.0, 1_000_000_000_010, 1_000_000_000_020, 1_000_000_000_030,
    })]
    public void Suggest_SteppedRange_DrawsEveryGridPointUniformlyAndNothingElse(
        bool isInt, double low, double high, double step, double[] support)
    {
        var study = CreateStudy(seed: 11);
        var returned = new double[Draws];

        study.Optimize(t =>
        {
            returned[t.Number] = isInt
                ? t.SuggestLong("q", (long)low, (long)high, (long)step)
                : t.SuggestFloat("q", low, high, step: step);
            return 0.0;
        }, trials: Draws);

        var stored = study.Trials.Select(t => AsDouble(t.Params["q"])).ToList();
        Assert.Equal(returned, stored);
        AssertUniformOver(stored.Select(v => Snap(v, support)).ToList(), support);
    }

    [Fact]
    public void SuggestInt_OneToTenStepThree_NeverReturnsZeroAndReachesTen()
    {
        var study = CreateStudy(seed: 12);
        var returned = new List<int>();

        study.Optimize(t =>
        {
            returned.Add(t.SuggestInt("a", 1, 10, step: 3));
            return 0.0;
        }, trials: 600);

        Assert.DoesNotContain(0, returned);
        Assert.Contains(10, returned);
        Assert.All(returned, v => Assert.Contains(v, new[] { 1, 4, 7, 10 }));
    }

    /// <summary>Maps a float draw to the support value it equals up to rounding of <c>low + k·step</c>; a draw
    /// far from every point is returned unchanged so that the membership check reports it.</summary>
    private static double Snap(double value, double[] support)
    {
        foreach (double point in support)
        {
            if (Math.Abs(value - point) <= 1e-12 * Math.Max(1, Math.Abs(point)))
            {
                return point;
            }
        }

        return value;
    }
}
