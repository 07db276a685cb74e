namespace Hone.Benchmarks.Quality;

/// <summary>Holds the options of one run of the quality suite.</summary>
/// <param name="Problems">The problems, in report order.</param>
/// <param name="Variants">The variants, in report order.</param>
/// <param name="Trials">Trials per study.</param>
/// <param name="FirstSeed">The seed of the first study of each problem and variant.</param>
/// <param name="Seeds">Studies per problem and variant, with seeds FirstSeed, FirstSeed + 1, ….</param>
/// <param name="Jobs">Studies run at once.</param>
/// <param name="Batches">The batch sizes of the batched variants.</param>
/// <param name="Epochs">Training epochs per digits trial.</param>
/// <param name="Python">The interpreter of the Optuna side.</param>
/// <param name="RunOptuna">Whether Optuna's variants run.</param>
/// <param name="WriteDocs">Whether docs/benchmarks.md is written.</param>
internal sealed record QualitySettings(
    IReadOnlyList<string> Problems,
    IReadOnlyList<QualityVariant> Variants,
    int Trials,
    int FirstSeed,
    int Seeds,
    int Jobs,
    IReadOnlyList<int> Batches,
    int Epochs,
    string Python,
    bool RunOptuna,
    bool WriteDocs)
{
    /// <summary>Gets the seeds every problem and variant runs with.</summary>
    public IEnumerable<int> SeedList => Enumerable.Range(FirstSeed, Seeds);
}
