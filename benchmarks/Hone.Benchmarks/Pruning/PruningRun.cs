namespace Hone.Benchmarks.Pruning;

/// <summary>Holds the outcome of one digits study under one pruner.</summary>
/// <param name="Pruner">The pruner's name, as the digits sample's <c>--pruner</c> takes it.</param>
/// <param name="Seed">The seed of the sampler, the split and the weights.</param>
/// <param name="BestError">The best validation error rate of the study.</param>
/// <param name="EpochsTrained">The epochs trained by all its trials (one report per epoch).</param>
/// <param name="Pruned">How many trials were pruned.</param>
/// <param name="Seconds">The wall time of the study.</param>
internal sealed record PruningRun(
    string Pruner, int Seed, double BestError, long EpochsTrained, int Pruned, double Seconds);
