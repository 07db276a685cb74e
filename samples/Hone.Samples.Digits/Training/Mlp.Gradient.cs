using System.Numerics.Tensors;
using Hone.Samples.Digits.Data;

namespace Hone.Samples.Digits.Training;

internal sealed partial class Mlp
{
    /// <summary>
    /// Writes the gradient of the mean softmax cross-entropy over the given rows into <paramref name="gradient"/>
    /// (laid out like <see cref="Parameters"/>) and returns that mean loss.
    /// </summary>
    public double ComputeGradient(Dataset data, ReadOnlySpan<int> rows, Span<float> gradient)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (gradient.Length != Parameters.Length)
        {
            throw new ArgumentException(
                $"The gradient needs {Parameters.Length} entries, but got {gradient.Length}.", nameof(gradient));
        }

        var count = rows.Length;
        EnsureCapacity(count);
        for (var b = 0; b < count; b++)
        {
            data.Row(rows[b]).CopyTo(_activations[0].AsSpan(b * InputCount, InputCount));
        }

        var logits = ForwardLayers(count);
        var loss = SoftmaxCrossEntropyDelta(logits, data, rows, _deltas[^1]);
        gradient.Clear();
        for (var layer = LayerCount - 1; layer >= 0; layer--)
        {
            BackwardLayer(layer, count, gradient);
        }

        return loss;
    }

    /// <summary>Stores d(mean loss)/d(logits) = (softmax − one-hot) / batch in <paramref name="delta"/>.</summary>
    private double SoftmaxCrossEntropyDelta(
        ReadOnlySpan<float> logits, Dataset data, ReadOnlySpan<int> rows, Span<float> delta)
    {
        var loss = 0.0;
        var scale = 1f / rows.Length;
        for (var b = 0; b < rows.Length; b++)
        {
            var probabilities = delta.Slice(b * ClassCount, ClassCount);
            TensorPrimitives.SoftMax(logits.Slice(b * ClassCount, ClassCount), probabilities);
            var label = data.Labels[rows[b]];

            // The floor keeps one confidently wrong prediction from turning the whole loss into infinity.
            loss -= Math.Log(Math.Max(probabilities[label], 1e-30f));
            probabilities[label] -= 1f;
            TensorPrimitives.Multiply(probabilities, scale, probabilities);
        }

        return loss / rows.Length;
    }

    /// <summary>Accumulates one layer's weight and bias gradients and passes the error back to its input.</summary>
    private void BackwardLayer(int layer, int count, Span<float> gradient)
    {
        int fanIn = _sizes[layer], fanOut = _sizes[layer + 1];
        ReadOnlySpan<float> weights = Weights(layer);
        var weightGradient = gradient.Slice(_offsets[layer], fanIn * fanOut);
        var biasGradient = gradient.Slice(_offsets[layer] + fanIn * fanOut, fanOut);
        for (var b = 0; b < count; b++)
        {
            var x = _activations[layer].AsSpan(b * fanIn, fanIn);
            ReadOnlySpan<float> delta = _deltas[layer + 1].AsSpan(b * fanOut, fanOut);
            var inputDelta = _deltas[layer].AsSpan(b * fanIn, fanIn);
            TensorPrimitives.Add(biasGradient, delta, biasGradient);
            for (var i = 0; i < fanIn; i++)
            {
                // A zero input contributes nothing to the weight gradient, and for hidden inputs (ReLU outputs)
                // zero also means the unit was inactive, so no error flows back through it.
                if (x[i] == 0f)
                {
                    inputDelta[i] = 0f;
                    continue;
                }

                var row = weightGradient.Slice(i * fanOut, fanOut);
                TensorPrimitives.MultiplyAdd(delta, x[i], row, row);
                inputDelta[i] = layer > 0 ? TensorPrimitives.Dot(weights.Slice(i * fanOut, fanOut), delta) : 0f;
            }
        }
    }
}
