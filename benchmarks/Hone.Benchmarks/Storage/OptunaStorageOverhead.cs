using System.Globalization;
using Hone.Benchmarks.Infrastructure;
using Hone.Benchmarks.Overhead;

namespace Hone.Benchmarks.Storage;

/// <summary>Measures Optuna's side of the storage benchmark, <c>RDBStorage</c> on SQLite, through
/// benchmarks/optuna/storage.py.</summary>
internal sealed class OptunaStorageOverhead : IDisposable
{
    private OptunaStorageOverhead(OptunaWorker worker)
    {
        Worker = worker;
    }

    /// <summary>Gets the worker, for its status and versions.</summary>
    public OptunaWorker Worker { get; }

    /// <summary>Starts the script, which warms up while Hone does; or measures nothing when the settings say so.
    /// </summary>
    public static OptunaStorageOverhead Start(CommonSettings settings) => new(settings.RunOptuna
        ? OptunaWorker.Start(settings.Python, "storage.py",
        [
            "--warmup", settings.WarmupSeconds.ToString("R", CultureInfo.InvariantCulture),
            "--seed", settings.Seed.ToString(CultureInfo.InvariantCulture),
        ])
        : OptunaWorker.Skipped());

    /// <summary>Times one fresh study on a fresh SQLite file, or returns <see langword="null"/> when Optuna is not
    /// measured.</summary>
    public OverheadRun? TimeOnce(int trials, int seed)
    {
        var request = new Dictionary<string, object> { ["op"] = "time", ["trials"] = trials, ["seed"] = seed };
        return Worker.Request(request) is { } answer
            ? new OverheadRun(
                trials,
                answer.GetProperty("total_seconds").GetDouble(),
                answer.GetProperty("last100_seconds").GetDouble())
            : null;
    }

    /// <summary>Ends the script.</summary>
    public void Finish() => Worker.Finish();

    /// <inheritdoc />
    public void Dispose() => Worker.Dispose();
}
