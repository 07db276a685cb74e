namespace Hone.Benchmarks.Quality;

/// <summary>Describes one problem of the quality suite: a define-by-run objective to minimize.</summary>
/// <param name="Name">The name on the command line and in quality.py.</param>
/// <param name="Space">The search space, for the results document.</param>
/// <param name="Optimum">The known minimum, when there is one.</param>
/// <param name="Objective">The objective; it must be safe to call from several threads at once.</param>
/// <param name="EvaluatedByHone">Whether Optuna's side asks the runner for every value (the digits MLP, which only
/// exists in C#) instead of computing it in Python.</param>
internal sealed record QualityProblem(
    string Name, string Space, double? Optimum, Func<Trial, double> Objective, bool EvaluatedByHone = false);
