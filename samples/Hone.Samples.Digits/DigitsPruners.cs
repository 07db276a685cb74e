using Hone.Pruners;

namespace Hone.Samples.Digits;

/// <summary>Builds the pruner the command line names, set up for trials that report once per epoch.</summary>
/// <remarks>
/// Measured with the pruning benchmark (docs/benchmarks.md) on 100 trials of 20 epochs. Successive halving keeps its
/// defaults: its automatic minimum resource waits for a first trial to complete, so later trials are judged against
/// a full learning curve. Hyperband uses η = 4 instead of its default 3: its brackets then start at steps 1, 4 and
/// 16, which span the 20 epochs, where with η = 3 (1, 3, 9) a trial that passes step 9 runs its last 11 epochs
/// unchecked; with its defaults it trained 43% of the unpruned epochs on seeds 0 to 4, over the 40% the sample aims
/// at.
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
        "asha" => new SuccessiveHalvingPruner(),
        "median" => new MedianPruner(),
        "none" => new NopPruner(),
        _ => throw new ArgumentException(
            $"Unknown pruner '{name}'; choose one of {string.Join(", ", Names)}.", nameof(name)),
    };
}
