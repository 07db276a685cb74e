using Hone.Samples.Digits.Data;
using Hone.Samples.Digits.Training;

namespace Hone.Samples.Tests.Training;

public sealed class MlpTests
{
    [Fact]
    public void ComputeGradient_TinyNetwork_MatchesFiniteDifferences()
    {
        var random = new Random(42);
        var data = RandomDataset(random, rows: 6, features: 4, classes: 3);
        var model = new Mlp(data.FeatureCount, [5, 3], data.ClassCount, random);
        int[] rows = [0, 1, 2, 3, 4, 5];
        var gradient = new float[model.Parameters.Length];
        var scratch = new float[gradient.Length];

        model.ComputeGradient(data, rows, gradient);

        // Central differences in float32. The step must be small enough not to push a hidden unit across the ReLU
        // kink (1e-2 does at this seed) and large enough that float rounding in the loss (~1e-7) stays far below
        // the tolerance once divided by it.
        const float Step = 2e-3f;
        for (var p = 0; p < model.Parameters.Length; p++)
        {
            var saved = model.Parameters[p];
            model.Parameters[p] = saved + Step;
            var above = model.ComputeGradient(data, rows, scratch);
            model.Parameters[p] = saved - Step;
            var below = model.ComputeGradient(data, rows, scratch);
            model.Parameters[p] = saved;

            var numeric = (above - below) / (2 * Step);
            Assert.True(
                Math.Abs(numeric - gradient[p]) <= 5e-4 + 1e-2 * Math.Abs(numeric),
                $"parameter {p}: backprop {gradient[p]}, finite difference {numeric}");
        }
    }

    [Fact]
    public void ComputeGradient_Always_ReturnsMeanCrossEntropy()
    {
        var random = new Random(1);
        var data = RandomDataset(random, rows: 4, features: 3, classes: 2);
        var model = new Mlp(data.FeatureCount, [2], data.ClassCount, random);
        Array.Clear(model.Parameters); // all logits 0: every class has probability 1/2

        var loss = model.ComputeGradient(data, [0, 1, 2, 3], new float[model.Parameters.Length]);

        Assert.Equal(Math.Log(2), loss, 1e-6);
    }

    [Fact]
    public void Constructor_SameSeed_GivesSameWeights()
    {
        var first = new Mlp(64, [32, 16], 10, new Random(5));
        var second = new Mlp(64, [32, 16], 10, new Random(5));

        Assert.Equal(64 * 32 + 32 + 32 * 16 + 16 + 16 * 10 + 10, first.Parameters.Length);
        Assert.Equal(first.Parameters, second.Parameters);
    }

    [Fact]
    public void Constructor_ZeroWidthLayer_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Mlp(4, [3, 0], 2, new Random(0)));
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("nesterov")]
    public void TrainEpoch_TwoEpochsOnDigits_ValidationErrorBelowTenPercent(string optimizer)
    {
        var split = TestData.Digits.Split(0.2, seed: 0);
        var random = new Random(0);
        var model = new Mlp(split.Train.FeatureCount, [128], split.Train.ClassCount, random);
        Optimizer step = optimizer == "sgd" ? new SgdOptimizer(0.3) : new NesterovOptimizer(0.03, 0.9);
        var trainer = new MlpTrainer(model, step, batchSize: 8, random);
        var before = model.ErrorRate(split.Validation);

        trainer.TrainEpoch(split.Train);
        trainer.TrainEpoch(split.Train);

        Assert.True(before > 0.5, $"untrained error {before}");
        Assert.True(model.ErrorRate(split.Validation) < 0.10, $"error {model.ErrorRate(split.Validation)}");
    }

    private static Dataset RandomDataset(Random random, int rows, int features, int classes)
    {
        // Strictly positive inputs: a zero input would sit on the skip path, which finite differences cannot see.
        var values = Enumerable.Range(0, rows * features).Select(_ => 0.1f + random.NextSingle()).ToArray();
        var labels = Enumerable.Range(0, rows).Select(i => i % classes).ToArray();
        return new Dataset(values, labels, features, classes);
    }
}
