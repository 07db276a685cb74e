using Hone.Distributions;

namespace Hone.Benchmarks.Storage;

/// <summary>The search space of the large-study part: five parameters of the usual kinds. The study is built from
/// completed trials drawn at random, and the fresh process suggests the same parameters with TPE.</summary>
internal static class LargeStudy
{
    /// <summary>The study's name in the SQLite file.</summary>
    public const string Name = "large";

    /// <summary>Describes the search space for the results document.</summary>
    public const string SpaceDescription =
        "two uniform floats in [-10, 10], a log float in [1e-5, 0.1], an int in [1, 8] and a categorical over 4 "
        + "strings";

    private static readonly string[] Optimizers = ["sgd", "momentum", "adam", "rmsprop"];

    private static readonly Dictionary<string, Distribution> Distributions = new()
    {
        ["x"] = new FloatDistribution(-10, 10),
        ["y"] = new FloatDistribution(-10, 10),
        ["learning_rate"] = new FloatDistribution(1e-5, 1e-1, log: true),
        ["layers"] = new IntDistribution(1, 8),
        ["optimizer"] = new CategoricalDistribution(Optimizers),
    };

    /// <summary>Returns a completed trial with random values of the five parameters, for <c>Study.AddTrial</c>.
    /// </summary>
    public static FrozenTrial RandomTrial(Random random)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["x"] = (random.NextDouble() * 20) - 10,
            ["y"] = (random.NextDouble() * 20) - 10,
            ["learning_rate"] = Math.Exp(Math.Log(1e-5) + (random.NextDouble() * (Math.Log(1e-1) - Math.Log(1e-5)))),
            ["layers"] = (long)random.Next(1, 9),
            ["optimizer"] = Optimizers[random.Next(Optimizers.Length)],
        };
        return new FrozenTrial
        {
            State = TrialState.Complete,
            Values = [Value(parameters)],
            Params = parameters,
            Distributions = Distributions,
        };
    }

    /// <summary>Suggests the five parameters and returns the objective's value.</summary>
    public static double Suggest(Trial trial) => Value(new Dictionary<string, object?>
    {
        ["x"] = trial.SuggestFloat("x", -10, 10),
        ["y"] = trial.SuggestFloat("y", -10, 10),
        ["learning_rate"] = trial.SuggestFloat("learning_rate", 1e-5, 1e-1, log: true),
        ["layers"] = (long)trial.SuggestInt("layers", 1, 8),
        ["optimizer"] = trial.SuggestCategorical("optimizer", Optimizers),
    });

    private static double Value(Dictionary<string, object?> p)
    {
        double x = (double)p["x"]!;
        double y = (double)p["y"]!;
        return (x * x) + (y * y) + Math.Abs(Math.Log10((double)p["learning_rate"]!) + 3) + (long)p["layers"]!
            + ((string)p["optimizer"]! == "adam" ? 0 : 1);
    }
}
