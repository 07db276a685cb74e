using Hone.Samples.Digits.Data;

namespace Hone.Samples.Digits.Training;

/// <summary>Trains an <see cref="Mlp"/> with mini-batches drawn in a fresh seeded order each epoch.</summary>
internal sealed class MlpTrainer
{
    private readonly Mlp _model;
    private readonly Optimizer _optimizer;
    private readonly int _batchSize;
    private readonly Random _random;
    private readonly float[] _gradient;
    private int[] _order = [];

    public MlpTrainer(Mlp model, Optimizer optimizer, int batchSize, Random random)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _model = model;
        _optimizer = optimizer;
        _batchSize = batchSize;
        _random = random;
        _gradient = new float[model.Parameters.Length];
    }

    /// <summary>Makes one pass over <paramref name="train"/>, one optimizer step per mini-batch.</summary>
    public void TrainEpoch(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (_order.Length != train.Count)
        {
            _order = Enumerable.Range(0, train.Count).ToArray();
        }

        _random.Shuffle(_order);
        for (var start = 0; start < _order.Length; start += _batchSize)
        {
            var rows = _order.AsSpan(start, Math.Min(_batchSize, _order.Length - start));
            _model.ComputeGradient(train, rows, _gradient);
            _optimizer.Step(_model.Parameters, _gradient);
        }
    }
}
