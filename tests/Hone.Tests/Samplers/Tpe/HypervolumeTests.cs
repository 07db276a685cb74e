using Hone.Samplers.Tpe;

namespace Hone.Tests.Samplers.Tpe;

public sealed class HypervolumeTests
{
    [Fact]
    public void Of_TwoDimensions_MatchesHandComputedArea()
    {
        // Points (1,3), (2,2), (3,1) up to (4,4): 3 + 2 + 1 = 6 unit squares.
        double volume = Hypervolume.Of([[1, 3], [2, 2], [3, 1]], [4, 4]);

        Assert.Equal(6, volume, 12);
    }

    [Fact]
    public void Of_ThreeDimensions_CountsOverlapOnce()
    {
        // Two unit-offset boxes: 2x2x2 = 8 and 1x1x3... computed by inclusion-exclusion: 8 + 3 - 2 = 9.
        double volume = Hypervolume.Of([[1, 1, 1], [2, 2, 0]], [3, 3, 3]);

        Assert.Equal(8 + 3 - 2, volume, 12);
    }

    [Fact]
    public void Of_PointsOutsideTheReference_AddNothing()
    {
        Assert.Equal(0, Hypervolume.Of([[5, 5]], [4, 4]));
    }
}
