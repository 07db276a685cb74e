namespace Hone.Benchmarks.TpeSpeed;

/// <summary>Holds the objective of the TPE speed benchmark: ten floats and a sum of squares, so that what is timed
/// is the sampler and the framework around it.</summary>
/// <remarks>Keep in step with <c>objective</c> in benchmarks/optuna/tpe_speed.py: same names, ranges and order.
/// </remarks>
internal static class TpeSpeedObjective
{
    /// <summary>Describes the search space for the results document.</summary>
    public const string SpaceDescription = "the sum of squares of 10 floats x0..x9, each uniform in [-10, 10]";

    private static readonly string[] Names = [.. Enumerable.Range(0, 10).Select(i => $"x{i}")];

    /// <summary>Suggests the ten parameters and returns the sum of their squares.</summary>
    public static double Evaluate(Trial trial)
    {
        double total = 0;
        foreach (string name in Names)
        {
            double x = trial.SuggestFloat(name, -10, 10);
            total += x * x;
        }

        return total;
    }
}
