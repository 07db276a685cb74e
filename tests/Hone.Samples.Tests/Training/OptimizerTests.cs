using Hone.Samples.Digits.Training;

namespace Hone.Samples.Tests.Training;

public sealed class OptimizerTests
{
    [Fact]
    public void Step_Sgd_MovesAgainstGradient()
    {
        float[] parameters = [1f, -2f];

        new SgdOptimizer(0.5).Step(parameters, [2f, -4f]);

        Assert.Equal([0f, 0f], parameters);
    }

    [Fact]
    public void Step_NesterovTwice_AppliesLookAheadMomentum()
    {
        var optimizer = new NesterovOptimizer(learningRate: 0.1, momentum: 0.5);
        float[] parameters = [0f];

        optimizer.Step(parameters, [1f]); // v = 1,   p = 0 - 0.1 * (1 + 0.5 * 1)
        optimizer.Step(parameters, [1f]); // v = 1.5, p -= 0.1 * (1 + 0.5 * 1.5)

        Assert.Equal(-0.15f - 0.175f, parameters[0], 1e-6f);
    }

    [Fact]
    public void Constructor_MomentumOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NesterovOptimizer(0.1, 1.0));
    }
}
