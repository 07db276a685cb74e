using Hone.Samples.Digits.Data;
using Hone.Samples.Digits.Training;

namespace Hone.Samples.Digits;

/// <summary>The define-by-run objective: the trial picks the network's shape and training knobs as it builds it.
/// </summary>
internal sealed class DigitsObjective
{
    private readonly TrainValidationSplit _data;
    private readonly int _epochs;
    private readonly int _batchSize;
    private readonly int _seed;

    public DigitsObjective(TrainValidationSplit data, int epochs, int batchSize, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _data = data;
        _epochs = epochs;
        _batchSize = batchSize;
        _seed = seed;
    }

    /// <summary>Trains the network the trial describes and returns its final validation error rate.</summary>
    public double Evaluate(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);

        // The number of n_units_l{i} parameters depends on n_layers: the search space is defined by running it.
        var hidden = new int[trial.SuggestInt("n_layers", 1, 4)];
        for (var i = 0; i < hidden.Length; i++)
        {
            hidden[i] = trial.SuggestInt($"n_units_l{i}", 1, 128);
        }

        // Above ~0.3 Nesterov with high momentum diverges and below ~3e-3 plain SGD barely moves in 20 epochs;
        // the log scale gives each decade in between the same share of trials.
        var learningRate = trial.SuggestFloat("lr", 1e-3, 1.0, log: true);
        Optimizer optimizer = trial.SuggestCategorical("optimizer", "sgd", "nesterov") switch
        {
            "nesterov" => new NesterovOptimizer(learningRate, trial.SuggestFloat("momentum", 0.5, 0.99)),
            _ => new SgdOptimizer(learningRate),
        };

        // Seeding from the trial number (not a shared Random) keeps each trial's result independent of which
        // thread ran it and when, and lets FixedTrial rebuild the very same network.
        var random = new Random(TrialSeed(_seed, trial.Number));
        var model = new Mlp(_data.Train.FeatureCount, hidden, _data.Train.ClassCount, random);
        var trainer = new MlpTrainer(model, optimizer, _batchSize, random);
        var error = 1.0;
        for (var epoch = 0; epoch < _epochs; epoch++)
        {
            trainer.TrainEpoch(_data.Train);
            error = model.ErrorRate(_data.Validation);
            trial.Report(error, epoch);
            if (trial.ShouldPrune())
            {
                throw new TrialPrunedException();
            }
        }

        return error;
    }

    /// <summary>Mixes the run's seed with a trial number.</summary>
    /// <remarks>Not HashCode.Combine: its results change from one process to the next.</remarks>
    private static int TrialSeed(int seed, int trialNumber) => unchecked((seed * 1_000_003) ^ (trialNumber * 7919));
}
