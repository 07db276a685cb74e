using MathNet.Numerics;

namespace Hone.Samplers.Tpe;

/// <summary>Holds the arithmetic of normal distributions truncated to an interval, accurate in the tails.</summary>
internal static class TruncatedNormal
{
    public static readonly double LogSqrt2Pi = 0.5 * Math.Log(2 * Math.PI);

    // Φ(−9) ≈ 1.1e-19: below half an ulp of any mass of at least 0.5.
    private const double Negligible = 9;

    /// <summary>Returns log(Φ(hi) − Φ(lo)) for standard-normal bounds lo &lt;= hi.</summary>
    /// <remarks>Both bounds in the upper tail are mirrored into the lower tail, where erfc keeps its relative
    /// precision, so that a far-away kernel gives a tiny mass rather than a cancellation to zero. A bound more than
    /// <see cref="Negligible"/> deviations out, on the other side of zero from the mass, contributes less than
    /// 1e-19 of it and is not evaluated: the kernels of a large study mostly lie well inside their interval, and
    /// this spares them both erfc calls.</remarks>
    public static double LogMass(double lo, double hi)
    {
        if (lo >= 0)
        {
            (lo, hi) = (-hi, -lo);
        }

        double upper = hi > Negligible ? 1 : Cdf(hi);
        double lower = lo < -Negligible && hi > 0 ? 0 : Cdf(lo);
        double mass = upper - lower;
        return mass > 0 ? Math.Log(mass) : double.NegativeInfinity;
    }

    /// <summary>Draws from N(mu, sigma²) truncated to [low, high] by inverting the distribution function.</summary>
    public static double Sample(Random random, double mu, double sigma, double low, double high)
    {
        double a = (low - mu) / sigma;
        double b = (high - mu) / sigma;
        bool mirrored = a >= 0;
        if (mirrored)
        {
            (a, b) = (-b, -a);
        }

        double pa = Cdf(a);
        double pb = Cdf(b);
        if (!(pb > pa))
        {
            return Math.Clamp(mu, low, high);
        }

        double u = pa + (random.NextDouble() * (pb - pa));
        double z = Math.Clamp(InverseCdf(u), a, b);
        if (mirrored)
        {
            z = -z;
        }

        return Math.Clamp(mu + (sigma * z), low, high);
    }

    /// <summary>Returns Φ(x), the standard normal distribution function.</summary>
    public static double Cdf(double x) => 0.5 * SpecialFunctions.Erfc(-x / Math.Sqrt(2));

    private static double InverseCdf(double p) => p <= 0
        ? double.NegativeInfinity
        : p >= 1 ? double.PositiveInfinity : -Math.Sqrt(2) * SpecialFunctions.ErfcInv(2 * p);
}
