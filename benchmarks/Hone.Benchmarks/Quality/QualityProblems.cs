using System.Globalization;
using Hone.Samples.Digits;
using Hone.Samples.Digits.Data;

namespace Hone.Benchmarks.Quality;

/// <summary>Holds the problems of the quality suite.</summary>
/// <remarks>Keep in step with <c>PROBLEMS</c> in benchmarks/optuna/quality.py: same names, ranges, order of
/// suggestions and arithmetic.</remarks>
internal static class QualityProblems
{
    /// <summary>The name of the digits MLP problem, the only one that needs data.</summary>
    public const string Digits = "digits";

    /// <summary>The seed of the digits train/validation split and of every trial's initial weights.</summary>
    public const int DigitsSeed = 0;

    /// <summary>The digits mini-batch size (the sample's default).</summary>
    public const int DigitsBatchSize = 32;

    /// <summary>Gets the names of all problems, in report order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "branin", "hartmann6", "rosenbrock5", "ackley5", "styblinski-tang10", "mixed", Digits,
    ];

    /// <summary>Creates the named problems; the digits data are read only when digits is among them.</summary>
    /// <param name="names">Problem names from <see cref="Names"/>.</param>
    /// <param name="digitsEpochs">Training epochs per digits trial.</param>
    /// <param name="root">The repository root, where data/digits.csv.gz is looked for first.</param>
    public static List<QualityProblem> Create(IEnumerable<string> names, int digitsEpochs, string? root) =>
        [.. names.Select(name => name switch
        {
            "branin" => new QualityProblem(name, "x1 ∈ [-5, 10], x2 ∈ [0, 15]", 0.397887,
                t => SyntheticFunctions.Branin(t.SuggestFloat("x0", -5, 10), t.SuggestFloat("x1", 0, 15))),
            "hartmann6" => new QualityProblem(name, "[0, 1]^6", -3.32237,
                t => SyntheticFunctions.Hartmann6(Vector(t, 6, 0, 1))),
            "rosenbrock5" => new QualityProblem(name, "[-5, 10]^5", 0,
                t => SyntheticFunctions.Rosenbrock(Vector(t, 5, -5, 10))),
            "ackley5" => new QualityProblem(name, "[-32.768, 32.768]^5", 0,
                t => SyntheticFunctions.Ackley(Vector(t, 5, -32.768, 32.768))),
            "styblinski-tang10" => new QualityProblem(name, "[-5, 5]^10",
                10 * SyntheticFunctions.StyblinskiTangMinimumPerDimension,
                t => SyntheticFunctions.StyblinskiTang(Vector(t, 10, -5, 5))),
            "mixed" => new QualityProblem(name,
                "a log float, an int and a log int, then a 3-way categorical whose branches have their own "
                + "parameters: linear (a float; its values are at least 0.4), tree (an int and a stepped float; "
                + "the minimum) and kernel (two log floats; at least 0.2). A best value of 0.4 or more means the "
                + "study never found a good tree", 0, Mixed),
            Digits => CreateDigits(digitsEpochs, root),
            _ => throw new ArgumentException($"Unknown problem '{name}'.", nameof(names)),
        })];

    /// <summary>A mixed, conditional space with a known minimum of 0 (lr = 1e-3, layers = 3, units = 128,
    /// kind = tree, depth = 9, subsample = 0.8); the other two branches cannot go below 0.4 and 0.2.</summary>
    private static double Mixed(Trial trial)
    {
        double lr = trial.SuggestFloat("lr", 1e-5, 1.0, log: true);
        int layers = trial.SuggestInt("layers", 1, 8);
        int units = trial.SuggestInt("units", 8, 1024, log: true);
        string kind = trial.SuggestCategorical("kind", "linear", "tree", "kernel");
        double a = Math.Log10(lr) + 3.0;
        double b = layers - 3.0;
        double c = Math.Log2(units) - 7.0;
        double baseline = (a * a / 4.0) + (b * b / 9.0) + (c * c / 9.0);
        double branch;
        switch (kind)
        {
            case "linear":
            {
                double d = trial.SuggestFloat("alpha", 0.0, 1.0) - 0.2;
                branch = 0.4 + (d * d);
                break;
            }

            case "tree":
            {
                int depth = trial.SuggestInt("depth", 1, 12);
                double subsample = trial.SuggestFloat("subsample", 0.5, 1.0, step: 0.05);
                double d = depth - 9.0;
                double e = subsample - 0.8;
                branch = (d * d / 16.0) + (4.0 * e * e);
                break;
            }

            default:
            {
                double gamma = trial.SuggestFloat("gamma", 1e-3, 1e2, log: true);
                double cost = trial.SuggestFloat("c", 1e-2, 1e3, log: true);
                double d = Math.Log10(gamma);
                double e = Math.Log10(cost) - 1.0;
                branch = 0.2 + (d * d / 4.0) + (e * e / 4.0);
                break;
            }
        }

        return baseline + branch;
    }

    private static double[] Vector(Trial trial, int dimensions, double low, double high)
    {
        var x = new double[dimensions];
        for (int i = 0; i < dimensions; i++)
        {
            x[i] = trial.SuggestFloat(string.Create(CultureInfo.InvariantCulture, $"x{i}"), low, high);
        }

        return x;
    }

    private static QualityProblem CreateDigits(int epochs, string? root)
    {
        string path = (root is null ? null : DatasetLoader.FindDefault(root))
            ?? DatasetLoader.FindDefault(Environment.CurrentDirectory)
            ?? DatasetLoader.FindDefault(AppContext.BaseDirectory)
            ?? throw new FileNotFoundException(
                $"Found no {DatasetLoader.DefaultRelativePath} in the repository; the digits problem needs it.");
        var split = DatasetLoader.Load(path).Split(0.2, DigitsSeed);
        var objective = new DigitsObjective(split, epochs, DigitsBatchSize, DigitsSeed);
        string space = string.Create(CultureInfo.InvariantCulture,
            $"the digits sample's MLP ({split.Train.Count} training and {split.Validation.Count} validation rows, "
            + $"{epochs} epochs, batch {DigitsBatchSize}, split and weights seeded with {DigitsSeed}): "
            + $"1–4 layers of 1–128 units, log learning rate, SGD or Nesterov with its momentum; "
            + $"the value is the validation error rate");
        return new QualityProblem(Digits, space, null, objective.Evaluate, EvaluatedByHone: true);
    }
}
