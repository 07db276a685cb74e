namespace Hone.Benchmarks.Overhead;

/// <summary>Holds the objective of the overhead benchmark: ten parameters of the kinds real searches use, and
/// arithmetic that costs next to nothing, so that what is timed is the framework.</summary>
/// <remarks>Keep in step with <c>objective</c> in benchmarks/optuna/overhead.py: same names, ranges and order.
/// </remarks>
internal static class OverheadObjective
{
    /// <summary>Describes the search space for the results document.</summary>
    public const string SpaceDescription =
        "4 uniform floats in [-10, 10], a log float in [1e-5, 0.1], a stepped float in [0, 0.5] step 0.1, "
        + "an int in [1, 8], a log int in [16, 1024], a stepped int in [16, 256] step 16, "
        + "and a categorical over 4 strings";

    private static readonly string[] FloatNames = ["x0", "x1", "x2", "x3"];

    /// <summary>Suggests the ten parameters and returns a cheap function of them.</summary>
    public static double Evaluate(Trial trial)
    {
        double total = 0;
        foreach (string name in FloatNames)
        {
            double x = trial.SuggestFloat(name, -10, 10);
            total += x * x;
        }

        double learningRate = trial.SuggestFloat("learning_rate", 1e-5, 1e-1, log: true);
        double dropout = trial.SuggestFloat("dropout", 0, 0.5, step: 0.1);
        int layers = trial.SuggestInt("layers", 1, 8);
        int units = trial.SuggestInt("units", 16, 1024, log: true);
        int batchSize = trial.SuggestInt("batch_size", 16, 256, step: 16);
        string optimizer = trial.SuggestCategorical("optimizer", "sgd", "momentum", "adam", "rmsprop");
        double penalty = optimizer == "adam" ? 0 : 1;
        return total + learningRate + dropout + layers + (units / 1024.0) + (batchSize / 256.0) + penalty;
    }
}
