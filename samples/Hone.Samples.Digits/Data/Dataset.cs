namespace Hone.Samples.Digits.Data;

/// <summary>A labelled classification set: one row of features per sample, stored row-major in one array.</summary>
/// <remarks>
/// A single flat array (rather than one array per row) keeps the rows contiguous, so the training loop can hand
/// spans straight to TensorPrimitives without copying.
/// </remarks>
internal sealed class Dataset
{
    private readonly float[] _features;
    private readonly int[] _labels;

    public Dataset(float[] features, int[] labels, int featureCount, int classCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        if (features.Length != labels.Length * featureCount)
        {
            throw new ArgumentException(
                $"'features.Length == labels.Length * featureCount' must hold, but got features.Length=" +
                $"{features.Length}, labels.Length={labels.Length}, featureCount={featureCount}.",
                nameof(features));
        }

        foreach (var label in labels)
        {
            if ((uint)label >= (uint)classCount)
            {
                throw new ArgumentException(
                    $"Every label must lie in [0, {classCount - 1}], but got {label}.", nameof(labels));
            }
        }

        _features = features;
        _labels = labels;
        FeatureCount = featureCount;
        ClassCount = classCount;
    }

    public int Count => _labels.Length;

    public int FeatureCount { get; }

    public int ClassCount { get; }

    public ReadOnlySpan<int> Labels => _labels;

    public ReadOnlySpan<float> Features => _features;

    public ReadOnlySpan<float> Row(int index) => _features.AsSpan(index * FeatureCount, FeatureCount);

    /// <summary>Copies the given rows, in the given order, into a new data set.</summary>
    public Dataset Subset(ReadOnlySpan<int> indices)
    {
        var features = new float[indices.Length * FeatureCount];
        var labels = new int[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            Row(indices[i]).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
            labels[i] = _labels[indices[i]];
        }

        return new Dataset(features, labels, FeatureCount, ClassCount);
    }

    /// <summary>Splits off a validation set after a shuffle that depends only on <paramref name="seed"/>.</summary>
    /// <remarks>
    /// The split is not stratified: with a few hundred validation rows a seeded shuffle keeps the ten classes
    /// close enough to balanced, and the same seed always yields the same two sets, so trials stay comparable.
    /// </remarks>
    public TrainValidationSplit Split(double validationFraction, int seed)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(validationFraction), validationFraction, "'0 < validationFraction < 1' must hold.");
        }

        var order = Enumerable.Range(0, Count).ToArray();
        new Random(seed).Shuffle(order);
        var validationCount = Math.Clamp((int)Math.Round(Count * validationFraction), 1, Count - 1);
        return new TrainValidationSplit(
            Subset(order.AsSpan(validationCount)), Subset(order.AsSpan(0, validationCount)));
    }

    /// <summary>Keeps the first <paramref name="maxSamples"/> rows, or the whole set when it is no larger.</summary>
    public Dataset Take(int maxSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSamples, 2);
        return maxSamples >= Count ? this : Subset(Enumerable.Range(0, maxSamples).ToArray());
    }
}
