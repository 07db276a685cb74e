using Hone.Samples.Digits.Training;

namespace Hone.Samples.Tests.Training;

/// <summary>
/// Checks the optimizer that trains the digits network on convex quadratics f(x) = ½xᵀAx − bᵀx, where the accelerated
/// rate of the seed's appendix is known: f(x_t) − f(x*) ≤ 2L·‖x_1 − x*‖²/t².
/// </summary>
public sealed class NesterovOptimizerTests
{
    private const int Steps = 400;

    public static TheoryData<string, string> ProblemsAndStarts()
    {
        var data = new TheoryData<string, string>();
        foreach (var problem in new[] { "tridiagonal-10", "tridiagonal-50", "diagonal-20" })
        {
            foreach (var start in new[] { "zero", "random", "far" })
            {
                data.Add(problem, start);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProblemsAndStarts))]
    public void Step_AcceleratedScheduleOnIllConditionedQuadratic_StaysWithinAcceleratedBoundAtEveryStep(
        string problemName, string startName)
    {
        var problem = Quadratic.Named(problemName);
        var start = problem.Start(startName);
        var radiusSquared = problem.DistanceSquaredToOptimum(start);

        var iterates = Iterates(NesterovOptimizer.ForSmoothConvex(problem.L), problem, start, Steps);

        for (var t = 1; t <= Steps; t++)
        {
            var gap = problem.Gap(iterates[t - 1]);
            var bound = 2 * problem.L * radiusSquared / ((double)t * t);
            Assert.True(gap <= bound, $"{problemName} from {startName}, t={t}: f(x_t) - f* = {gap} exceeds "
                + $"2L|x_1 - x*|^2/t^2 = {bound}");
        }
    }

    [Fact]
    public void Step_AcceleratedSchedule_BeatsPlainGradientDescentOnNesterovsWorstCase()
    {
        var problem = Quadratic.Named("tridiagonal-50");
        var start = problem.Start("zero");

        var accelerated = Iterates(NesterovOptimizer.ForSmoothConvex(problem.L), problem, start, Steps)[^1];
        var plain = Iterates(new SgdOptimizer(1 / problem.L), problem, start, Steps)[^1];

        var acceleratedGap = problem.Gap(accelerated);
        var plainGap = problem.Gap(plain);
        Assert.True(acceleratedGap < plainGap / 100, $"Nesterov gap {acceleratedGap}, gradient descent {plainGap}");
    }

    /// <summary>The Sutskever form stores only the look-ahead point; its parameters must be the y_t of the look-ahead
    /// form <c>x_{t+1} = y_t − η·∇f(y_t)</c>, <c>y_{t+1} = (1 − γ_t)·x_{t+1} + γ_t·x_t</c>.</summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void Step_ConstantMomentum_FollowsTheLookAheadForm(double momentum)
    {
        var problem = Quadratic.Named("diagonal-20");
        var start = problem.Start("random");
        var learningRate = 0.5 / problem.L;

        var optimizer = new NesterovOptimizer(learningRate, momentum);
        var expected = LookAhead(problem, start, learningRate, _ => -momentum, 60);

        AssertFollows(expected, optimizer, problem, start);
    }

    [Fact]
    public void Step_AcceleratedSchedule_FollowsTheAppendixRecursion()
    {
        var problem = Quadratic.Named("tridiagonal-10");
        var start = problem.Start("random");
        var lambdas = new List<double> { 0, 1 };
        while (lambdas.Count < 70)
        {
            lambdas.Add((1 + Math.Sqrt(1 + (4 * lambdas[^1] * lambdas[^1]))) / 2);
        }

        var optimizer = NesterovOptimizer.ForSmoothConvex(problem.L);
        var expected = LookAhead(problem, start, 1 / problem.L, t => (1 - lambdas[t]) / lambdas[t + 1], 60);

        AssertFollows(expected, optimizer, problem, start);
    }

    [Fact]
    public void ForSmoothConvex_NonPositiveOrInfiniteBeta_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NesterovOptimizer.ForSmoothConvex(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NesterovOptimizer.ForSmoothConvex(double.PositiveInfinity));
    }

    /// <summary>Runs the optimizer and returns x_1, …, x_steps. The optimizer holds the look-ahead point y_t, from
    /// which the iterate of the guarantee is the plain gradient step x_{t+1} = y_t − ∇f(y_t)/L.</summary>
    private static List<double[]> Iterates(Optimizer optimizer, Quadratic problem, double[] start, int steps)
    {
        var parameters = start.Select(v => (float)v).ToArray();
        var gradient = new float[parameters.Length];
        var iterates = new List<double[]> { start.ToArray() };
        while (iterates.Count < steps)
        {
            var y = parameters.Select(v => (double)v).ToArray();
            var exact = problem.Gradient(y);
            iterates.Add([.. y.Zip(exact, (a, g) => a - (g / problem.L))]);
            for (var i = 0; i < gradient.Length; i++)
            {
                gradient[i] = (float)exact[i];
            }

            optimizer.Step(parameters, gradient);
        }

        return iterates;
    }

    /// <summary>Computes y_1, …, y_{steps+1} in double precision, straight from the look-ahead form.</summary>
    private static List<double[]> LookAhead(
        Quadratic problem, double[] start, double learningRate, Func<int, double> gamma, int steps)
    {
        var x = start.ToArray();
        var y = start.ToArray();
        var path = new List<double[]> { y.ToArray() };
        for (var t = 1; t <= steps; t++)
        {
            var g = problem.Gradient(y);
            var next = y.Zip(g, (a, b) => a - (learningRate * b)).ToArray();
            var gammaT = gamma(t);
            y = next.Zip(x, (a, b) => ((1 - gammaT) * a) + (gammaT * b)).ToArray();
            x = next;
            path.Add(y.ToArray());
        }

        return path;
    }

    private static void AssertFollows(List<double[]> expected, Optimizer optimizer, Quadratic problem, double[] start)
    {
        var parameters = start.Select(v => (float)v).ToArray();
        var scale = expected.Max(y => y.Max(Math.Abs));
        for (var t = 0; t < expected.Count; t++)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                Assert.True(Math.Abs(parameters[i] - expected[t][i]) <= 1e-4 * scale,
                    $"step {t}, coordinate {i}: {parameters[i]} but the look-ahead form gives {expected[t][i]}");
            }

            var gradient = problem.Gradient([.. parameters.Select(v => (double)v)]).Select(v => (float)v).ToArray();
            optimizer.Step(parameters, gradient);
        }
    }

    /// <summary>f(x) = ½xᵀAx − bᵀx with A symmetric positive definite, L its largest eigenvalue, x* = A⁻¹b.</summary>
    private sealed class Quadratic
    {
        private readonly double[,] _a;
        private readonly double[] _b;
        private readonly double[] _optimum;

        private Quadratic(double[,] a, double[] b, double[] optimum, double l)
        {
            _a = a;
            _b = b;
            _optimum = optimum;
            L = l;
        }

        public double L { get; }

        private int Dimension => _b.Length;

        /// <summary>
        /// "tridiagonal-n": A = tridiag(−1, 2, −1), b = e₁, Nesterov's own worst case for first-order methods; its
        /// eigenvalues are 2 − 2cos(kπ/(n+1)) (condition number about 1000 for n = 50) and x*ᵢ = 1 − i/(n+1).
        /// "diagonal-n": eigenvalues spread log-uniformly over [1e-3, 1] (condition number 1000), seeded b.
        /// </summary>
        public static Quadratic Named(string name)
        {
            var parts = name.Split('-');
            var n = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            var a = new double[n, n];
            var b = new double[n];
            var optimum = new double[n];
            if (parts[0] == "tridiagonal")
            {
                for (var i = 0; i < n; i++)
                {
                    a[i, i] = 2;
                    if (i > 0)
                    {
                        a[i, i - 1] = a[i - 1, i] = -1;
                    }

                    optimum[i] = 1 - ((i + 1) / (n + 1.0));
                }

                b[0] = 1;
                return new Quadratic(a, b, optimum, 2 + (2 * Math.Cos(Math.PI / (n + 1))));
            }

            var random = new Random(7);
            for (var i = 0; i < n; i++)
            {
                a[i, i] = Math.Pow(10, -3.0 * i / (n - 1));
                b[i] = (2 * random.NextDouble()) - 1;
                optimum[i] = b[i] / a[i, i];
            }

            return new Quadratic(a, b, optimum, 1);
        }

        /// <summary>"zero"; "random": seeded, uniform in [−1, 1]ⁿ; "far": seeded, uniform in [−100, 100]ⁿ.</summary>
        public double[] Start(string name)
        {
            var random = new Random(name.Length * 31);
            var scale = name switch
            {
                "zero" => 0.0,
                "random" => 1.0,
                _ => 100.0,
            };
            return [.. Enumerable.Range(0, Dimension).Select(_ => scale * ((2 * random.NextDouble()) - 1))];
        }

        public double[] Gradient(double[] x)
        {
            var result = Multiply(x);
            for (var i = 0; i < Dimension; i++)
            {
                result[i] -= _b[i];
            }

            return result;
        }

        /// <summary>Computes f(x) − f(x*) as ½(x − x*)ᵀA(x − x*), which keeps its precision near the optimum.</summary>
        public double Gap(double[] x)
        {
            var delta = x.Zip(_optimum, (a, b) => a - b).ToArray();
            return 0.5 * delta.Zip(Multiply(delta), (a, b) => a * b).Sum();
        }

        public double DistanceSquaredToOptimum(double[] x) => x.Zip(_optimum, (a, b) => (a - b) * (a - b)).Sum();

        private double[] Multiply(double[] x)
        {
            var result = new double[Dimension];
            for (var i = 0; i < Dimension; i++)
            {
                for (var j = 0; j < Dimension; j++)
                {
                    result[i] += _a[i, j] * x[j];
                }
            }

            return result;
        }
    }
}
