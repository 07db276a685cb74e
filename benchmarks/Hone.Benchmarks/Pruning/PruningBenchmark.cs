using System.Diagnostics;
using Hone.Pruners;
using Hone.Samplers;
using Hone.Samples.Digits;
using Hone.Samples.Digits.Data;

namespace Hone.Benchmarks.Pruning;

/// <summary>Runs the digits sample's study under each pruner and seed, with Hone's default TPE sampler.</summary>
internal static class PruningBenchmark
{
    /// <summary>The digits mini-batch size (the sample's default).</summary>
    public const int BatchSize = 32;

    /// <summary>The share of rows held out for validation (the sample's default).</summary>
    public const double ValidationFraction = 0.2;

    /// <summary>Hyperband with the library's defaults (automatic maximum resource, η = 3), for comparison with the
    /// sample's setting; the sample's successive halving already uses the library's defaults.</summary>
    public static readonly string[] LibraryDefaults = ["hyperband-default"];

    /// <summary>Gets every pruner name the benchmark knows.</summary>
    public static IReadOnlyList<string> Names => [.. DigitsPruners.Names, .. LibraryDefaults];

    /// <summary>Runs every (pruner, seed) study, <see cref="PruningSettings.Parallel"/> at a time, and returns them
    /// in the order of the settings.</summary>
    /// <param name="settings">What to run.</param>
    /// <param name="dataPath">The digits data file.</param>
    /// <param name="progress">Called after each study, from the thread that ran it.</param>
    public static IReadOnlyList<PruningRun> Run(PruningSettings settings, string dataPath, Action<PruningRun> progress)
    {
        var data = DatasetLoader.Load(dataPath);
        var jobs = (
            from seed in Enumerable.Range(settings.FirstSeed, settings.Seeds)
            from pruner in settings.Pruners
            select (Pruner: pruner, Seed: seed)).ToArray();
        var runs = new PruningRun[jobs.Length];
        Parallel.For(0, jobs.Length, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallel }, i =>
        {
            runs[i] = RunOne(data, settings, jobs[i].Pruner, jobs[i].Seed);
            progress(runs[i]);
        });
        return runs;
    }

    private static PruningRun RunOne(Dataset data, PruningSettings settings, string pruner, int seed)
    {
        // The same split, initial weights and sampler seed for every pruner: only the pruning differs.
        var split = data.Split(ValidationFraction, seed);
        var objective = new DigitsObjective(split, settings.Epochs, BatchSize, seed);
        var study = Study.Create(new StudyOptions
        {
            Name = "digits-mlp",
            Sampler = new TpeSampler(new TpeSamplerOptions { Seed = seed }),
            Pruner = pruner switch
            {
                "hyperband-default" => new HyperbandPruner(),
                _ => DigitsPruners.Create(pruner, settings.Epochs),
            },
        });
        long begin = Stopwatch.GetTimestamp();
        study.Optimize(objective.Evaluate, trials: settings.Trials);
        double seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        var trials = study.Trials;
        return new PruningRun(
            pruner,
            seed,
            study.BestValue,
            trials.Sum(t => (long)t.IntermediateValues.Count),
            trials.Count(t => t.State == TrialState.Pruned),
            seconds);
    }
}
