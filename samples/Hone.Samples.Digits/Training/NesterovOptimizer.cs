using System.Numerics.Tensors;

namespace Hone.Samples.Digits.Training;

/// <summary>Nesterov's accelerated gradient, with a constant momentum (how the sample trains) or with the momentum
/// schedule of the accelerated method for convex, L-smooth functions.</summary>
/// <remarks>
/// <para>
/// Nesterov's method takes a gradient step from a look-ahead point, then moves the look-ahead point on past the new
/// iterate, in the direction it just moved: <c>x_{t+1} = y_t − η·∇f(y_t)</c>,
/// <c>y_{t+1} = x_{t+1} + μ_t·(x_{t+1} − x_t)</c>, starting from <c>x_1 = y_1</c>. This class stores the look-ahead
/// point y as the parameters, so the gradient is taken at the stored parameters and no second copy of the weights
/// is needed (Sutskever et al., 2013; the form PyTorch uses). With <c>v_t = (x_t − x_{t+1})/η</c> the recursion
/// becomes <c>v ← μ_{t−1}·v + g</c>, <c>p ← p − η·(g + μ_t·v)</c>; with a constant μ both momenta are the same.
/// </para>
/// <para>
/// <see cref="ForSmoothConvex(double)"/> uses step 1/β and the schedule <c>λ_{t+1} = (1 + √(1 + 4λ_t²))/2</c>,
/// <c>γ_t = (1 − λ_t)/λ_{t+1}</c>, <c>μ_t = −γ_t</c>, from <c>λ_0 = 0</c>. For β = L the iterates
/// <c>x_{t+1} = p_t − ∇f(p_t)/β</c> then satisfy <c>f(x_t) − f(x*) ≤ 2L·‖x_1 − x*‖²/t²</c> (Bubeck, "Convex
/// Optimization: Algorithms and Complexity", 2015, Theorem 3.19), against O(1/t) for plain gradient descent.
/// </para>
/// </remarks>
internal sealed class NesterovOptimizer : Optimizer
{
    private readonly float _learningRate;
    private readonly bool _scheduled;
    private float[] _velocity = [];

    // The momentum of the last step: the constant μ, or μ_{t−1} of the schedule (0 before the first step, where the
    // velocity is still zero).
    private float _momentum;

    // λ_t of the schedule; λ_1 = 1 because λ_0 = 0.
    private double _lambda = 1;

    /// <summary>Creates the optimizer the sample trains with: step <paramref name="learningRate"/> and a constant
    /// <paramref name="momentum"/>.</summary>
    /// <param name="learningRate">The step size η; positive.</param>
    /// <param name="momentum">The momentum μ, in [0, 1).</param>
    public NesterovOptimizer(double learningRate, double momentum)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        ArgumentOutOfRangeException.ThrowIfNegative(momentum);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(momentum, 1.0);
        _learningRate = (float)learningRate;
        _momentum = (float)momentum;
    }

    private NesterovOptimizer(double learningRate)
    {
        _learningRate = (float)learningRate;
        _scheduled = true;
    }

    /// <summary>Creates the accelerated method for a convex, <paramref name="beta"/>-smooth function: step 1/β and
    /// the momentum schedule of Nesterov's method, for which the accelerated rate holds.</summary>
    /// <param name="beta">The inverse step size; the guarantee needs β ≥ L, the smoothness constant.</param>
    /// <returns>A fresh optimizer, at t = 1.</returns>
    public static NesterovOptimizer ForSmoothConvex(double beta)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beta);
        if (!double.IsFinite(beta))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be finite.");
        }

        return new NesterovOptimizer(1 / beta);
    }

    public override void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        if (_velocity.Length != parameters.Length)
        {
            _velocity = new float[parameters.Length];
        }

        var momentum = _scheduled ? NextScheduledMomentum() : _momentum;
        TensorPrimitives.MultiplyAdd(_velocity, _momentum, gradient, _velocity);
        TensorPrimitives.MultiplyAdd(_velocity, momentum * -_learningRate, parameters, parameters);
        TensorPrimitives.MultiplyAdd(gradient, -_learningRate, parameters, parameters);
        _momentum = momentum;
    }

    /// <summary>Advances λ_t to λ_{t+1} and returns μ_t = (λ_t − 1)/λ_{t+1}.</summary>
    private float NextScheduledMomentum()
    {
        var next = (1 + Math.Sqrt(1 + (4 * _lambda * _lambda))) / 2;
        var momentum = (_lambda - 1) / next;
        _lambda = next;
        return (float)momentum;
    }
}
