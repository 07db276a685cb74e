using System.Numerics.Tensors;
using Hone.Samples.Digits.Data;

namespace Hone.Samples.Digits.Training;

/// <summary>A float32 multi-layer perceptron: ReLU hidden layers, a softmax output, all weights in one array.
/// </summary>
/// <remarks>
/// Layer <c>l</c> holds an <c>in × out</c> weight matrix stored row-major (one row per input unit) followed by
/// <c>out</c> biases. Row-per-input lets every inner loop be a TensorPrimitives call over the output units,
/// and lets the forward and backward passes skip the inputs that are zero, which after ReLU (and in the mostly
/// blank digit images) is about half of them. Keeping all parameters in one array lets the optimizers update the
/// whole network with one vectorized call.
/// </remarks>
internal sealed partial class Mlp
{
    private readonly int[] _sizes;
    private readonly int[] _offsets;
    private float[][] _activations = [];
    private float[][] _deltas = [];
    private int _capacity;

    public Mlp(int inputCount, IReadOnlyList<int> hiddenWidths, int classCount, Random random)
    {
        ArgumentNullException.ThrowIfNull(hiddenWidths);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        if (hiddenWidths.Any(width => width < 1))
        {
            throw new ArgumentException(
                $"Every hidden width must be at least 1, but got [{string.Join(", ", hiddenWidths)}].",
                nameof(hiddenWidths));
        }

        _sizes = [inputCount, .. hiddenWidths, classCount];
        _offsets = new int[_sizes.Length];
        for (var layer = 0; layer < LayerCount; layer++)
        {
            _offsets[layer + 1] = _offsets[layer] + (_sizes[layer] + 1) * _sizes[layer + 1];
        }

        Parameters = new float[_offsets[^1]];
        for (var layer = 0; layer < LayerCount; layer++)
        {
            InitializeHe(Weights(layer), _sizes[layer], random);
        }
    }

    /// <summary>Gets the number of weight layers (hidden layers plus the output layer).</summary>
    public int LayerCount => _sizes.Length - 1;

    /// <summary>Gets all weights and biases, layer by layer; optimizers update this array in place.</summary>
    public float[] Parameters { get; }

    public int InputCount => _sizes[0];

    public int ClassCount => _sizes[^1];

    /// <summary>Returns the fraction of rows whose highest-scoring class is not their label.</summary>
    public double ErrorRate(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        const int Chunk = 256;
        var errors = 0;
        for (var start = 0; start < data.Count; start += Chunk)
        {
            var count = Math.Min(Chunk, data.Count - start);
            var logits = Forward(data.Features.Slice(start * InputCount, count * InputCount), count);
            for (var b = 0; b < count; b++)
            {
                var predicted = TensorPrimitives.IndexOfMax<float>(logits.Slice(b * ClassCount, ClassCount));
                if (predicted != data.Labels[start + b])
                {
                    errors++;
                }
            }
        }

        return (double)errors / data.Count;
    }

    private Span<float> Weights(int layer) =>
        Parameters.AsSpan(_offsets[layer], _sizes[layer] * _sizes[layer + 1]);

    private Span<float> Biases(int layer) =>
        Parameters.AsSpan(_offsets[layer] + _sizes[layer] * _sizes[layer + 1], _sizes[layer + 1]);

    /// <summary>Runs <paramref name="count"/> contiguous input rows through the network; returns the logits.
    /// </summary>
    private ReadOnlySpan<float> Forward(ReadOnlySpan<float> inputs, int count)
    {
        EnsureCapacity(count);
        inputs.CopyTo(_activations[0]);
        return ForwardLayers(count);
    }

    /// <summary>Propagates the first <paramref name="count"/> rows already in the input buffer.</summary>
    private ReadOnlySpan<float> ForwardLayers(int count)
    {
        for (var layer = 0; layer < LayerCount; layer++)
        {
            int fanIn = _sizes[layer], fanOut = _sizes[layer + 1];
            ReadOnlySpan<float> weights = Weights(layer);
            ReadOnlySpan<float> biases = Biases(layer);
            for (var b = 0; b < count; b++)
            {
                var x = _activations[layer].AsSpan(b * fanIn, fanIn);
                var z = _activations[layer + 1].AsSpan(b * fanOut, fanOut);
                biases.CopyTo(z);
                for (var i = 0; i < fanIn; i++)
                {
                    if (x[i] != 0f)
                    {
                        TensorPrimitives.MultiplyAdd(weights.Slice(i * fanOut, fanOut), x[i], z, z);
                    }
                }

                if (layer < LayerCount - 1)
                {
                    TensorPrimitives.Max(z, 0f, z);
                }
            }
        }

        return _activations[^1].AsSpan(0, count * ClassCount);
    }

    private void EnsureCapacity(int count)
    {
        if (count <= _capacity)
        {
            return;
        }

        _capacity = count;
        _activations = Array.ConvertAll(_sizes, size => new float[count * size]);
        _deltas = Array.ConvertAll(_sizes, size => new float[count * size]);
    }

    /// <summary>Draws weights from N(0, 2 / fan-in) (He et al., 2015), so ReLU activations neither fade nor
    /// explode with depth.</summary>
    private static void InitializeHe(Span<float> weights, int fanIn, Random random)
    {
        var std = Math.Sqrt(2.0 / fanIn);
        for (var i = 0; i < weights.Length; i++)
        {
            // Box-Muller: Random has no normal sampler; 1 - NextDouble() keeps the logarithm finite.
            var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
            weights[i] = (float)(std * radius * Math.Cos(2.0 * Math.PI * random.NextDouble()));
        }
    }
}
