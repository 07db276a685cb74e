using Hone.Pruners;

namespace Hone.Samples.Digits;

/// <summary>Builds the pruner the command line names, set up for trials that report once per epoch.</summary>
/// <remarks>
/// The settings are chosen for 100 trials of 20 epochs with the pruning benchmark (docs/benchmarks.md). Hyperband
/// uses η = 4: its brackets then start at steps 1, 4 and 16, which span the 20 epochs, where η = 3 (1, 3, 9) lets
/// every trial that passes step 9 run its last 11 epochs unchecked. Successive halving first checks at step 2 (after
/// three epochs) with η = 5: at step 1 the errors of slow starters say little about where they end, and a sweep of
/// eleven (first step, η) pairs on seeds 0 to 4 found none closer to unpruned errors for its share of epochs
/// (η = 3 from step 1 lost 0.8 points there); seeds 5 to 9 confirmed the choice.
/// </remarks>
internal static class DigitsPruners
{
    public static readonly string[] Names = ["hyperband", "asha", "median", "none"];

    /// <summary>Returns the pruner for a name of <see cref="Names"/>.</summary>
    /// <param name="name">The pruner's name.</param>
    /// <param name="epochs">The epochs of a full trial: steps 0 to epochs − 1.</param>
    public static Pruner Create(string name, int epochs) => name switch
    {
        // The full resource is known here, so Hyperband need not wait for a first trial to complete to learn it.
        "hyperband" => new HyperbandPruner(new HyperbandPrunerOptions
        {
            MinResource = 1,
            MaxResource = epochs,
            ReductionFactor = 4,
        }),
        "asha" => new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions
        {
            MinResource = 2,
            ReductionFactor = 5,
        }),
        "median" => new MedianPruner(),
        "none" => new NopPruner(),
        _ => throw new ArgumentException(
            $"Unknown pruner '{name}'; choose one of {string.Join(", ", Names)}.", nameof(name)),
    };
}
