// The seed document's n_layers experiment: a loop-dependent search space with a constant objective, so any
// preference the sampler shows for a number of layers comes from the shape of the space, not from the data.
// Optuna (define-by-run) and Hyperopt's nested hp.choice tree were compared this way in the seed.
using System.CommandLine;
using System.Globalization;
using Hone;
using Hone.Samplers;
using Hone.Shared;

var seedsOption = new Option<int>("--seeds")
{
    Description = "How many seeds to run (seed 0, 1, ...).",
    DefaultValueFactory = _ => 10,
};
var trialsOption = new Option<int>("--trials")
{
    Description = "Trials per seed.",
    DefaultValueFactory = _ => 100,
};
var root = new RootCommand("Reproduces the seed document's n_layers histogram with Hone's samplers.")
{
    seedsOption,
    trialsOption,
};
root.SetAction(parse =>
{
    int seeds = parse.GetValue(seedsOption);
    int trials = parse.GetValue(trialsOption);
    if (seeds < 1 || trials < 1)
    {
        Console.Error.WriteLine($"--seeds and --trials must be at least 1, but got {seeds} and {trials}.");
        return 1;
    }

    var random = Run(seed => new RandomSampler(seed), seeds, trials);
    var tpe = Run(seed => new TpeSampler(new TpeSamplerOptions { Seed = seed }), seeds, trials);
    Print("RandomSampler", random, seeds, trials);
    Print("TpeSampler (defaults)", tpe, seeds, trials);
    Compare(random, tpe);
    return 0;
});
return root.Parse(args).Invoke();

static int[] Run(Func<int, Sampler> sampler, int seeds, int trials)
{
    var counts = new int[4];
    for (int seed = 0; seed < seeds; seed++)
    {
        var study = Study.Create(new StudyOptions { Sampler = sampler(seed) });
        study.Optimize(Objective, trials: trials);
        foreach (var trial in study.Trials)
        {
            counts[(long)trial.Params["n_layers"]! - 1]++;
        }
    }

    return counts;
}

// The seed's objective: n_layers, then one width per layer, and a constant result.
static double Objective(Trial trial)
{
    int layers = trial.SuggestInt("n_layers", 1, 4);
    for (int i = 0; i < layers; i++)
    {
        trial.SuggestInt($"n_units_l{i}", 1, 128);
    }

    return 0;
}

static void Print(string sampler, int[] counts, int seeds, int trials)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"n_layers over {seeds} seeds x {trials} trials, Hone {sampler}, constant objective:"));
    var rows = counts.Select((c, i) => ((i + 1).ToString(CultureInfo.InvariantCulture), c)).ToList();
    Console.Write(TextHistogram.Render(rows));
    Console.WriteLine();
}

static void Compare(int[] random, int[] tpe)
{
    // Published in the seed document (100 trials each): Optuna's TPE and Hyperopt's nested hp.choice tree.
    int[] optuna = [17, 37, 23, 23];
    int[] hyperoptNested = [61, 25, 6, 8];
    Console.WriteLine("n_layers | Hone random | Hone TPE | seed: Optuna | seed: Hyperopt nested");
    for (int i = 0; i < 4; i++)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{i + 1,8} | {Share(random, i),10:F1}% | {Share(tpe, i),7:F1}% | {optuna[i],11}% | "
            + $"{hyperoptNested[i],20}%"));
    }

    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Largest distance from 25%: random {Worst(random):F1} points (target: within 5), "
        + $"TPE {Worst(tpe):F1} points (target: within 8)."));
}

static double Share(int[] counts, int i) => 100.0 * counts[i] / counts.Sum();

static double Worst(int[] counts) => Enumerable.Range(0, counts.Length).Max(i => Math.Abs(Share(counts, i) - 25));
