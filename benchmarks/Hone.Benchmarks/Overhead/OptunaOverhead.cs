using System.Globalization;
using Hone.Benchmarks.Infrastructure;

namespace Hone.Benchmarks.Overhead;

/// <summary>Measures Optuna's side of the overhead benchmark through benchmarks/optuna/overhead.py.</summary>
internal sealed class OptunaOverhead : IDisposable
{
    private readonly OptunaWorker _worker;

    private OptunaOverhead(OptunaWorker worker)
    {
        _worker = worker;
    }

    /// <summary>Gets the worker, for its status and versions.</summary>
    public OptunaWorker Worker => _worker;

    /// <summary>Starts the script, which warms up for as long as Hone does; or measures nothing when the settings
    /// say so.</summary>
    public static OptunaOverhead Start(CommonSettings settings) => new(settings.RunOptuna
        ? OptunaWorker.Start(settings.Python, "overhead.py",
        [
            "--warmup", settings.WarmupSeconds.ToString("R", CultureInfo.InvariantCulture),
            "--seed", settings.Seed.ToString(CultureInfo.InvariantCulture),
        ])
        : OptunaWorker.Skipped());

    /// <summary>Times one fresh study, or returns <see langword="null"/> when Optuna is not measured.</summary>
    public OverheadRun? TimeOnce(int trials, int seed) =>
        _worker.Request(Request("time", trials, seed)) is { } answer
            ? new OverheadRun(
                trials,
                answer.GetProperty("total_seconds").GetDouble(),
                answer.GetProperty("last100_seconds").GetDouble())
            : null;

    /// <summary>Measures the Python heap a finished study keeps, or returns <see langword="null"/>.</summary>
    public long? RetainedBytes(int trials, int seed) =>
        _worker.Request(Request("retained", trials, seed))?.GetProperty("retained_bytes").GetInt64();

    /// <summary>Ends the script and returns its peak memory, when it reports one.</summary>
    public long? Finish() => _worker.Finish();

    /// <inheritdoc />
    public void Dispose() => _worker.Dispose();

    private static Dictionary<string, object> Request(string op, int trials, int seed) => new()
    {
        ["op"] = op,
        ["trials"] = trials,
        ["seed"] = seed,
    };
}
