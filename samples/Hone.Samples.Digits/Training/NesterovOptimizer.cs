using System.Numerics.Tensors;

namespace Hone.Samples.Digits.Training;

/// <summary>Stochastic Nesterov accelerated gradient with a constant momentum.</summary>
/// <remarks>
/// Nesterov's method evaluates the gradient at a look-ahead point (see <see cref="NesterovMinimizer"/> for the
/// textbook scheme and its guarantee). With a fixed momentum μ it can be rewritten so that the gradient is taken
/// at the stored parameters (Sutskever et al., 2013; the form PyTorch uses):
/// <c>v ← μ·v + g</c>, <c>p ← p − lr·(g + μ·v)</c>. That form needs no second copy of the weights.
/// </remarks>
internal sealed class NesterovOptimizer : Optimizer
{
    private readonly float _learningRate;
    private readonly float _momentum;
    private float[] _velocity = [];

    public NesterovOptimizer(double learningRate, double momentum)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        ArgumentOutOfRangeException.ThrowIfNegative(momentum);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(momentum, 1.0);
        _learningRate = (float)learningRate;
        _momentum = (float)momentum;
    }

    public override void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        if (_velocity.Length != parameters.Length)
        {
            _velocity = new float[parameters.Length];
        }

        TensorPrimitives.MultiplyAdd(_velocity, _momentum, gradient, _velocity);
        TensorPrimitives.MultiplyAdd(_velocity, _momentum * -_learningRate, parameters, parameters);
        TensorPrimitives.MultiplyAdd(gradient, -_learningRate, parameters, parameters);
    }
}
