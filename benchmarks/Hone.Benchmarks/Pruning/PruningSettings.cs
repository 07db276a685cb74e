namespace Hone.Benchmarks.Pruning;

/// <summary>Holds the options of a pruning benchmark run.</summary>
/// <param name="Trials">Trials per study.</param>
/// <param name="Seeds">Studies per pruner, with seeds FirstSeed, FirstSeed + 1, ….</param>
/// <param name="FirstSeed">The first seed.</param>
/// <param name="Epochs">Epochs of a trial that is not pruned.</param>
/// <param name="Pruners">The pruners to compare, by the digits sample's names.</param>
/// <param name="Parallel">How many studies run at once (each on one thread).</param>
/// <param name="WriteDocs">Whether docs/benchmarks.md is written.</param>
internal sealed record PruningSettings(
    int Trials, int Seeds, int FirstSeed, int Epochs, IReadOnlyList<string> Pruners, int Parallel, bool WriteDocs);
