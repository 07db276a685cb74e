using System.Numerics.Tensors;

namespace Hone.Samplers.Tpe;

/// <summary>Holds the kernels of one parameter inside a <see cref="ParzenEstimator"/>; the last kernel is the
/// prior.</summary>
internal sealed class Axis
{
    private readonly KernelSpace _space;
    private double[] _mus = [];
    private double[] _sigmas = [];
    private double[] _inverseSigmas = [];

    // Continuous: per kernel, 1/(σ√2) and −μ/(σ√2), so that one fused pass gives z = (x − μ)/(σ√2) and z² is the
    // kernel's −log density up to its normaliser.
    private double[] _scales = [];
    private double[] _offsets = [];

    // Continuous: −log σ − log Z − log √(2π) per kernel; discrete: −log Z (Z: the kernel's mass on the interval).
    private double[] _logNormalizers = [];

    // Categorical: probabilities per kernel (rows) and their logarithms per choice (columns over kernels).
    private double[][] _rows = [];
    private double[][] _logColumns = [];
    private Dictionary<double, double[]>? _cellCache;

    private Axis(KernelSpace space)
    {
        _space = space;
    }

    public static Axis Numeric(KernelSpace space, double[] values, int[] order, TpeSamplerOptions options)
    {
        int n = values.Length;
        var axis = new Axis(space)
        {
            _mus = new double[n + 1],
            _sigmas = new double[n + 1],
        };
        for (int i = 0; i < n; i++)
        {
            axis._mus[i] = space.ToAxis(values[i]);
        }

        double range = space.High - space.Low;
        axis._mus[n] = space.Low + (range / 2);
        SetBandwidths(axis._mus.AsSpan(0, n), order, axis._sigmas.AsSpan(0, n), space, options.ConsiderEndpoints);
        double minSigma = options.ConsiderMagicClip ? range / Math.Min(100.0, 1.0 + n + 1) : 1e-12;
        for (int i = 0; i < n; i++)
        {
            axis._sigmas[i] = Math.Clamp(axis._sigmas[i], Math.Min(minSigma, range), Math.Max(range, 1e-12));
        }

        axis._sigmas[n] = Math.Max(range, 1e-12);
        axis._inverseSigmas = new double[n + 1];
        axis._logNormalizers = new double[n + 1];
        for (int k = 0; k <= n; k++)
        {
            double sigma = axis._sigmas[k];
            double logZ = TruncatedNormal.LogMass(
                (space.Low - axis._mus[k]) / sigma, (space.High - axis._mus[k]) / sigma);
            axis._inverseSigmas[k] = 1 / sigma;
            axis._logNormalizers[k] = space.IsDiscrete
                ? -logZ
                : -Math.Log(sigma) - logZ - TruncatedNormal.LogSqrt2Pi;
        }

        if (!space.IsDiscrete)
        {
            axis._scales = new double[n + 1];
            axis._offsets = new double[n + 1];
            for (int k = 0; k <= n; k++)
            {
                axis._scales[k] = axis._inverseSigmas[k] / Math.Sqrt(2);
                axis._offsets[k] = -axis._mus[k] * axis._scales[k];
            }
        }

        return axis;
    }

    public static Axis Categorical(KernelSpace space, double[] values, double priorWeight)
    {
        int n = values.Length;
        int choices = space.Choices;
        var axis = new Axis(space) { _rows = new double[n + 1][] };
        for (int i = 0; i < n; i++)
        {
            var row = new double[choices];
            Array.Fill(row, priorWeight / (n + 1));
            row[(int)values[i]] += 1;
            double total = TensorPrimitives.Sum<double>(row);
            TensorPrimitives.Divide<double>(row, total, row);
            axis._rows[i] = row;
        }

        axis._rows[n] = new double[choices];
        Array.Fill(axis._rows[n], 1.0 / choices);
        axis._logColumns = new double[choices][];
        for (int c = 0; c < choices; c++)
        {
            axis._logColumns[c] = new double[n + 1];
            for (int k = 0; k <= n; k++)
            {
                axis._logColumns[c][k] = Math.Log(axis._rows[k][c]);
            }
        }

        return axis;
    }

    /// <summary>Draws the value of this parameter from kernel <paramref name="k"/>.</summary>
    public double Sample(Random random, int k)
    {
        if (_space.IsCategorical)
        {
            double u = random.NextDouble();
            double[] row = _rows[k];
            for (int c = 0; c < row.Length - 1; c++)
            {
                u -= row[c];
                if (u < 0)
                {
                    return c;
                }
            }

            return row.Length - 1;
        }

        double axisValue = TruncatedNormal.Sample(random, _mus[k], _sigmas[k], _space.Low, _space.High);
        return _space.ToValue(axisValue);
    }

    /// <summary>Gets, for a continuous parameter, each kernel's log normaliser, which does not depend on the value
    /// and which the estimator adds once; null for grid and categorical parameters.</summary>
    public double[]? ContinuousLogNormalizers => _space.IsCategorical || _space.IsDiscrete ? null : _logNormalizers;

    /// <summary>Adds, for every kernel, the log density of <paramref name="value"/>: grid and categorical
    /// parameters to <paramref name="sum"/>; continuous ones as the squared standardised distance to
    /// <paramref name="squares"/>, which the caller subtracts (with <see cref="ContinuousLogNormalizers"/> added).
    /// </summary>
    public void AddLogDensity(double value, double[] sum, double[] squares, double[] scratch)
    {
        if (_space.IsCategorical)
        {
            TensorPrimitives.Add<double>(sum, _logColumns[(int)value], sum);
            return;
        }

        if (_space.IsDiscrete)
        {
            TensorPrimitives.Add<double>(sum, CellLogMass(value), sum);
            return;
        }

        // −½((x − μ)/σ)² = −z² with z = x/(σ√2) − μ/(σ√2): two fused passes over the kernels.
        TensorPrimitives.MultiplyAdd<double>(_scales, _space.ToAxis(value), _offsets, scratch);
        TensorPrimitives.MultiplyAdd<double>(scratch, scratch, squares, squares);
    }

    /// <summary>Returns, per kernel, the log of its truncated mass over the cell of a grid value; cached, since
    /// candidates of a grid parameter repeat.</summary>
    private double[] CellLogMass(double value)
    {
        _cellCache ??= [];
        if (_cellCache.TryGetValue(value, out double[]? cached))
        {
            return cached;
        }

        (double lower, double upper) = _space.Cell(value);
        lower = Math.Max(lower, _space.Low);
        upper = Math.Min(upper, _space.High);
        var result = new double[_mus.Length];
        for (int k = 0; k < result.Length; k++)
        {
            result[k] = TruncatedNormal.LogMass(
                (lower - _mus[k]) * _inverseSigmas[k], (upper - _mus[k]) * _inverseSigmas[k]) + _logNormalizers[k];
        }

        _cellCache[value] = result;
        return result;
    }

    /// <summary>Sets each observation's bandwidth to the larger gap to its neighbours, with the interval's ends as
    /// outer neighbours; without <c>considerEndpoints</c> the outermost observations look inwards only.</summary>
    /// <param name="mus">The observations on the axis.</param>
    /// <param name="order">The observations' indices in increasing order (the axis keeps the values' order).</param>
    /// <param name="sigmas">Receives one bandwidth per observation.</param>
    /// <param name="space">The interval.</param>
    /// <param name="considerEndpoints">Whether the outermost observations also measure to the interval's ends.
    /// </param>
    private static void SetBandwidths(
        ReadOnlySpan<double> mus, int[] order, Span<double> sigmas, KernelSpace space, bool considerEndpoints)
    {
        int n = mus.Length;
        if (n == 0)
        {
            return;
        }

        double previous = space.Low;
        for (int j = 0; j < n; j++)
        {
            double current = mus[order[j]];
            double next = j == n - 1 ? space.High : mus[order[j + 1]];
            sigmas[order[j]] = Math.Max(current - previous, next - current);
            previous = current;
        }

        if (!considerEndpoints && n >= 2)
        {
            sigmas[order[0]] = mus[order[1]] - mus[order[0]];
            sigmas[order[n - 1]] = mus[order[n - 1]] - mus[order[n - 2]];
        }
    }
}
