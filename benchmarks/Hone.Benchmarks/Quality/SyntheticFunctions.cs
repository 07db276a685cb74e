namespace Hone.Benchmarks.Quality;

/// <summary>Holds the standard test functions of the quality suite, all to be minimized.</summary>
/// <remarks>Keep in step with benchmarks/optuna/quality.py: the same arithmetic in the same order, so that both
/// sides compute the same value to the last bit or two (the runner checks this before every run).</remarks>
internal static class SyntheticFunctions
{
    /// <summary>The minimum of <see cref="StyblinskiTang"/> per dimension.</summary>
    public const double StyblinskiTangMinimumPerDimension = -39.16616570377142;

    private static readonly double[] HartmannAlpha = [1.0, 1.2, 3.0, 3.2];

    private static readonly double[][] HartmannA =
    [
        [10.0, 3.0, 17.0, 3.5, 1.7, 8.0],
        [0.05, 10.0, 17.0, 0.1, 8.0, 14.0],
        [3.0, 3.5, 1.7, 10.0, 17.0, 8.0],
        [17.0, 8.0, 0.05, 10.0, 0.1, 14.0],
    ];

    private static readonly double[][] HartmannP =
    [
        [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
        [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
        [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650],
        [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
    ];

    /// <summary>Branin–Hoo on x1 ∈ [-5, 10], x2 ∈ [0, 15]; minimum 0.397887 at three points.</summary>
    public static double Branin(double x1, double x2)
    {
        double b = 5.1 / (4.0 * Math.PI * Math.PI);
        double c = 5.0 / Math.PI;
        double t = 1.0 / (8.0 * Math.PI);
        double u = x2 - (b * x1 * x1) + (c * x1) - 6.0;
        return (u * u) + (10.0 * (1.0 - t) * Math.Cos(x1)) + 10.0;
    }

    /// <summary>Hartmann-6 on [0, 1]^6; minimum −3.32237.</summary>
    public static double Hartmann6(ReadOnlySpan<double> x)
    {
        double total = 0.0;
        for (int i = 0; i < 4; i++)
        {
            double inner = 0.0;
            for (int j = 0; j < 6; j++)
            {
                double d = x[j] - HartmannP[i][j];
                inner += HartmannA[i][j] * d * d;
            }

            total += HartmannAlpha[i] * Math.Exp(-inner);
        }

        return -total;
    }

    /// <summary>Rosenbrock's valley; minimum 0 at (1, …, 1).</summary>
    public static double Rosenbrock(ReadOnlySpan<double> x)
    {
        double total = 0.0;
        for (int i = 0; i < x.Length - 1; i++)
        {
            double a = x[i + 1] - (x[i] * x[i]);
            double b = x[i] - 1.0;
            total += (100.0 * a * a) + (b * b);
        }

        return total;
    }

    /// <summary>Ackley's function with a = 20, b = 0.2, c = 2π; minimum 0 at the origin.</summary>
    public static double Ackley(ReadOnlySpan<double> x)
    {
        double squares = 0.0;
        double cosines = 0.0;
        foreach (double v in x)
        {
            squares += v * v;
            cosines += Math.Cos(2.0 * Math.PI * v);
        }

        double n = x.Length;
        return (-20.0 * Math.Exp(-0.2 * Math.Sqrt(squares / n))) - Math.Exp(cosines / n) + 20.0 + Math.E;
    }

    /// <summary>Styblinski–Tang; minimum −39.16617 per dimension at x = −2.903534.</summary>
    public static double StyblinskiTang(ReadOnlySpan<double> x)
    {
        double total = 0.0;
        foreach (double v in x)
        {
            double v2 = v * v;
            total += (v2 * v2) - (16.0 * v2) + (5.0 * v);
        }

        return 0.5 * total;
    }
}
