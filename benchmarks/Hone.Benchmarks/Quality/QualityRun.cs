namespace Hone.Benchmarks.Quality;

/// <summary>Holds the outcome of one study of the quality suite.</summary>
/// <param name="Problem">The problem's name.</param>
/// <param name="Variant">The variant's name.</param>
/// <param name="Seed">The sampler's seed.</param>
/// <param name="Best">The best value the study found.</param>
/// <param name="Seconds">The wall time of the study, objective included.</param>
internal sealed record QualityRun(string Problem, string Variant, int Seed, double Best, double Seconds);
