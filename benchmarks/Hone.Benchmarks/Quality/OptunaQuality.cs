using System.Text.Json;
using Hone.Benchmarks.Infrastructure;

namespace Hone.Benchmarks.Quality;

/// <summary>Runs Optuna's side of the quality suite through benchmarks/optuna/quality.py, one process per lane.
/// </summary>
internal sealed class OptunaQuality : IDisposable
{
    private readonly OptunaWorker _worker;

    private OptunaQuality(OptunaWorker worker)
    {
        _worker = worker;
    }

    /// <summary>Gets the worker, for its status and versions.</summary>
    public OptunaWorker Worker => _worker;

    /// <summary>Starts the script, which warms up in the background.</summary>
    public static OptunaQuality Start(string python) => new(OptunaWorker.Start(python, "quality.py", []));

    /// <summary>Runs one study; for a problem that Hone evaluates, answers the script's requests for values by
    /// replaying Optuna's parameters in a <see cref="FixedTrial"/> with Optuna's trial number.</summary>
    /// <returns>The run, or <see langword="null"/> when the script has stopped.</returns>
    public QualityRun? Run(QualityProblem problem, QualityVariant variant, int seed, int trials)
    {
        var answer = _worker.Request(new Dictionary<string, object>
        {
            ["op"] = "run",
            ["problem"] = problem.Name,
            ["sampler"] = variant.OptunaSampler!,
            ["seed"] = seed,
            ["trials"] = trials,
        });
        while (answer is { } request && request.TryGetProperty("event", out var kind)
            && kind.GetString() == "evaluate")
        {
            var parameters = JsonParameters.Read(request.GetProperty("params"));
            int number = request.GetProperty("number").GetInt32();
            double value = problem.Objective(new FixedTrial(parameters, number));
            answer = _worker.Request(new Dictionary<string, object> { ["op"] = "value", ["value"] = value });
        }

        return answer is { } result
            ? new QualityRun(problem.Name, variant.Name, seed, result.GetProperty("best").GetDouble(),
                result.GetProperty("seconds").GetDouble())
            : null;
    }

    /// <summary>Asks the script for random points of a problem, with Optuna's distributions and values.</summary>
    /// <returns>The points, or <see langword="null"/> when the script has stopped.</returns>
    public JsonElement? Check(string problem, int points, int seed) => _worker.Request(
        new Dictionary<string, object>
        {
            ["op"] = "check",
            ["problem"] = problem,
            ["points"] = points,
            ["seed"] = seed,
        })?.GetProperty("points");

    /// <summary>Ends the script.</summary>
    public void Finish() => _worker.Finish();

    /// <inheritdoc />
    public void Dispose() => _worker.Dispose();
}
