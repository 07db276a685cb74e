namespace Hone.Benchmarks.Overhead;

/// <summary>Holds the measurements of one framework.</summary>
/// <param name="Framework">The framework and its version, such as "Optuna 3.1.0".</param>
/// <param name="Sizes">One entry per study size.</param>
/// <param name="PeakMemoryBytes">The process's peak working set (resident set).</param>
internal sealed record OverheadSide(string Framework, IReadOnlyList<OverheadSize> Sizes, long PeakMemoryBytes);
