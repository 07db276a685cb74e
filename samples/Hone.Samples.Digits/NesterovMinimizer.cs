using System.Numerics.Tensors;

namespace Hone.Samples.Digits;

/// <summary>Nesterov's accelerated gradient descent for a convex, L-smooth function, in the textbook form.</summary>
/// <remarks>
/// With step 1/β and λ₀ = 0 the iterates are
/// <c>x_{t+1} = y_t − ∇f(y_t)/β</c>, <c>y_{t+1} = (1 − γ_t)·x_{t+1} + γ_t·x_t</c>,
/// <c>γ_t = (1 − λ_t)/λ_{t+1}</c>, <c>λ_{t+1} = (1 + √(1 + 4λ_t²))/2</c>, starting from <c>x_1 = y_1</c>.
/// For β = L they satisfy <c>f(x_t) − f(x*) ≤ 2L·‖x_1 − x*‖²/t²</c> (Bubeck, "Convex Optimization:
/// Algorithms and Complexity", 2015, Theorem 3.19), against O(1/t) for plain gradient descent.
/// γ_t ≤ 0, so the y step overshoots past x_{t+1} in the direction it just moved: that is the momentum.
/// The training loop uses the stochastic, constant-momentum variant in <see cref="Training.NesterovOptimizer"/>.
/// </remarks>
internal sealed class NesterovMinimizer
{
    private readonly Action<double[], double[]> _gradient;
    private readonly double _beta;

    /// <param name="gradient">Writes ∇f(x) (second argument) for x (first argument).</param>
    /// <param name="beta">The inverse step size; the guarantee needs β ≥ L, the smoothness constant.</param>
    public NesterovMinimizer(Action<double[], double[]> gradient, double beta)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beta);
        _gradient = gradient;
        _beta = beta;
    }

    /// <summary>Yields x_1 (the start), x_2, x_3, … without end; each array is a fresh copy.</summary>
    public IEnumerable<double[]> Iterate(IReadOnlyList<double> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var x = start.ToArray();
        var y = start.ToArray();
        var next = new double[x.Length];
        var gradient = new double[x.Length];
        var lambda = 1.0; // λ_1, from λ_0 = 0.
        yield return x.ToArray();
        while (true)
        {
            _gradient(y, gradient);
            TensorPrimitives.MultiplyAdd(gradient, -1.0 / _beta, y, next);

            var nextLambda = (1 + Math.Sqrt(1 + 4 * lambda * lambda)) / 2;
            var gamma = (1 - lambda) / nextLambda;
            lambda = nextLambda;

            // y = (1 − γ)·x_{t+1} + γ·x_t, computed as x_{t+1} + γ·(x_t − x_{t+1}).
            TensorPrimitives.Subtract(x, next, y);
            TensorPrimitives.MultiplyAdd(y, gamma, next, y);
            (x, next) = (next, x);
            yield return x.ToArray();
        }
    }
}
