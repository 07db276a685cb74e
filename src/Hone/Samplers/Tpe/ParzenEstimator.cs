using System.Numerics.Tensors;

namespace Hone.Samplers.Tpe;

/// <summary>Models a density over a joint space as a weighted mixture of product kernels: one kernel per
/// observation plus a broad prior kernel (the l(x) and g(x) of TPE).</summary>
/// <remarks>
/// Numeric parameters get a normal kernel truncated to the parameter's interval, with a bandwidth set by the
/// distances to the neighbouring observations and clipped to [range / min(100, 1 + kernels), range]. Grid
/// parameters weigh a candidate by the kernel's mass over its cell (± half a step). Categorical parameters get, per
/// observation, the prior weight spread over the choices plus one on the observed choice.
/// </remarks>
internal sealed class ParzenEstimator
{
    private readonly KernelSpace[] _spaces;
    private readonly double[] _logWeights;

    // The log weights plus the continuous axes' log normalisers: what every candidate's log density starts from.
    private readonly double[] _baseline;
    private readonly double[] _cumulativeWeights;
    private readonly Axis[] _axes;

    /// <param name="spaces">The parameters, in a fixed order.</param>
    /// <param name="observations">Per parameter, the observed values (Hone's internal representation), one per
    /// observation, and for numeric parameters the observations in value order.</param>
    /// <param name="weights">One non-negative weight per observation.</param>
    /// <param name="options">The prior weight and the clipping rules.</param>
    public ParzenEstimator(
        KernelSpace[] spaces, Observations observations, double[] weights, TpeSamplerOptions options)
    {
        _spaces = spaces;
        int n = weights.Length;
        int kernels = n + 1;
        var w = new double[kernels];
        weights.CopyTo(w, 0);
        w[n] = n == 0 ? 1 : options.PriorWeight;
        double total = TensorPrimitives.Sum<double>(w);
        _logWeights = new double[kernels];
        _cumulativeWeights = new double[kernels];
        double running = 0;
        for (int k = 0; k < kernels; k++)
        {
            _logWeights[k] = Math.Log(w[k] / total);
            running += w[k] / total;
            _cumulativeWeights[k] = running;
        }

        _axes = new Axis[spaces.Length];
        for (int d = 0; d < spaces.Length; d++)
        {
            _axes[d] = spaces[d].IsCategorical
                ? Axis.Categorical(spaces[d], observations.Values[d], options.PriorWeight)
                : Axis.Numeric(spaces[d], observations.Values[d], observations.Orders[d]!, options);
        }

        _baseline = (double[])_logWeights.Clone();
        foreach (var axis in _axes)
        {
            if (axis.ContinuousLogNormalizers is { } normalizers)
            {
                TensorPrimitives.Add<double>(_baseline, normalizers, _baseline);
            }
        }
    }

    public int Kernels => _logWeights.Length;

    /// <summary>Draws candidates: a kernel by weight, then each parameter from that kernel.</summary>
    /// <returns>Per candidate, one admissible value per parameter (Hone's internal representation).</returns>
    public double[][] Sample(Random random, int count)
    {
        var candidates = new double[count][];
        for (int c = 0; c < count; c++)
        {
            int found = Array.BinarySearch(_cumulativeWeights, random.NextDouble());
            int k = Math.Min(found < 0 ? ~found : found, Kernels - 1);
            candidates[c] = new double[_spaces.Length];
            for (int d = 0; d < _spaces.Length; d++)
            {
                candidates[c][d] = _axes[d].Sample(random, k);
            }
        }

        return candidates;
    }

    /// <summary>Returns the log density of each candidate under the mixture.</summary>
    public double[] LogPdf(double[][] candidates)
    {
        var result = new double[candidates.Length];
        var sum = new double[Kernels];
        var squares = new double[Kernels];
        var scratch = new double[Kernels];
        for (int c = 0; c < candidates.Length; c++)
        {
            _baseline.CopyTo(sum, 0);
            Array.Clear(squares);
            for (int d = 0; d < _spaces.Length; d++)
            {
                _axes[d].AddLogDensity(candidates[c][d], sum, squares, scratch);
            }

            TensorPrimitives.Subtract<double>(sum, squares, sum);
            result[c] = LogSumExp(sum, scratch);
        }

        return result;
    }

    /// <summary>Returns TPE's default observation weights: flat for the newest 25, a linear ramp from 1/n up for
    /// the older ones (observations are in trial-number order).</summary>
    public static double[] DefaultWeights(int n)
    {
        var weights = new double[n];
        Array.Fill(weights, 1.0);
        int ramp = n - 25;
        for (int i = 0; i < ramp; i++)
        {
            weights[i] = ramp == 1 ? 1.0 / n : (1.0 / n) + ((1 - (1.0 / n)) * i / (ramp - 1));
        }

        return weights;
    }

    private static double LogSumExp(double[] values, double[] scratch)
    {
        double max = TensorPrimitives.Max<double>(values);
        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        TensorPrimitives.Subtract<double>(values, max, scratch);
        TensorPrimitives.Exp<double>(scratch, scratch);
        return max + Math.Log(TensorPrimitives.Sum<double>(scratch));
    }
}
