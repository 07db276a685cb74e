using Hone.Pruners;

namespace Hone.Samples.Digits;

/// <summary>Builds the pruner the command line names, set up for trials that report once per epoch.</summary>
internal static class DigitsPruners
{
    public static readonly string[] Names = ["hyperband", "asha", "median", "none"];

    /// <summary>Returns the pruner for a name of <see cref="Names"/>.</summary>
    /// <param name="name">The pruner's name.</param>
    /// <param name="epochs">The epochs of a full trial: steps 0 to epochs − 1.</param>
    public static Pruner Create(string name, int epochs) => name switch
    {
        // The full resource is known here, so Hyperband need not wait for a first trial to complete to learn it.
        "hyperband" => new HyperbandPruner(new HyperbandPrunerOptions { MinResource = 1, MaxResource = epochs }),
        "asha" => new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { MinResource = 1 }),
        "median" => new MedianPruner(),
        "none" => new NopPruner(),
        _ => throw new ArgumentException(
            $"Unknown pruner '{name}'; choose one of {string.Join(", ", Names)}.", nameof(name)),
    };
}
