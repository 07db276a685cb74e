using Hone.Samples.Digits;

namespace Hone.Samples.Tests;

/// <summary>
/// Checks the accelerated rate on f(x) = ½xᵀAx − bᵀx, with A the n×n tridiagonal (−1, 2, −1) matrix and
/// b = e₁: Nesterov's own worst case for first-order methods. Its eigenvalues are 2 − 2cos(kπ/(n+1)), so
/// for n = 50 the condition number is about 1000, and x*ᵢ = 1 − i/(n+1) in closed form.
/// </summary>
public sealed class NesterovMinimizerTests
{
    private const int N = 50;
    private const int Steps = 400;
    private static readonly double L = 2 + 2 * Math.Cos(Math.PI / (N + 1));
    private static readonly double[] Optimum = Enumerable.Range(1, N).Select(i => 1 - i / (N + 1.0)).ToArray();
    private static readonly double OptimalValue = F(Optimum);

    [Fact]
    public void Iterate_ConvexQuadratic_StaysWithinAcceleratedBound()
    {
        var start = new double[N];
        var radiusSquared = Optimum.Sum(v => v * v);

        var iterates = new NesterovMinimizer(Gradient, L).Iterate(start).Take(Steps).ToList();

        for (var t = 1; t <= Steps; t++)
        {
            var gap = F(iterates[t - 1]) - OptimalValue;
            var bound = 2 * L * radiusSquared / (t * t);
            Assert.True(gap <= bound, $"t={t}: f(x_t) - f* = {gap} exceeds 2L|x_1 - x*|^2/t^2 = {bound}");
        }
    }

    [Fact]
    public void Iterate_ConvexQuadratic_BeatsPlainGradientDescent()
    {
        var accelerated = new NesterovMinimizer(Gradient, L).Iterate(new double[N]).ElementAt(Steps - 1);
        var plain = GradientDescent(new double[N], Steps - 1);

        var acceleratedGap = F(accelerated) - OptimalValue;
        var plainGap = F(plain) - OptimalValue;

        Assert.True(acceleratedGap < plainGap / 100, $"Nesterov gap {acceleratedGap}, gradient descent {plainGap}");
    }

    [Fact]
    public void Iterate_FirstItem_IsTheStart()
    {
        var first = new NesterovMinimizer(Gradient, L).Iterate(Optimum).First();

        Assert.Equal(Optimum, first);
    }

    private static double[] GradientDescent(double[] x, int steps)
    {
        var gradient = new double[N];
        for (var s = 0; s < steps; s++)
        {
            Gradient(x, gradient);
            for (var i = 0; i < N; i++)
            {
                x[i] -= gradient[i] / L;
            }
        }

        return x;
    }

    private static double F(double[] x)
    {
        var ax = new double[N];
        Multiply(x, ax);
        return 0.5 * x.Zip(ax, (a, b) => a * b).Sum() - x[0];
    }

    private static void Gradient(double[] x, double[] gradient)
    {
        Multiply(x, gradient);
        gradient[0] -= 1;
    }

    private static void Multiply(double[] x, double[] result)
    {
        for (var i = 0; i < N; i++)
        {
            result[i] = 2 * x[i] - (i > 0 ? x[i - 1] : 0) - (i < N - 1 ? x[i + 1] : 0);
        }
    }
}
