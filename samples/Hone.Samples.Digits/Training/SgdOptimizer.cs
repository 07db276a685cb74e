using System.Numerics.Tensors;

namespace Hone.Samples.Digits.Training;

/// <summary>Plain stochastic gradient descent: <c>p ← p − lr·g</c>.</summary>
internal sealed class SgdOptimizer : Optimizer
{
    private readonly float _learningRate;

    public SgdOptimizer(double learningRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        _learningRate = (float)learningRate;
    }

    public override void Step(Span<float> parameters, ReadOnlySpan<float> gradient) =>
        TensorPrimitives.MultiplyAdd(gradient, -_learningRate, parameters, parameters);
}
