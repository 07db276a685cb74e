using System.Globalization;
using System.Text.Json;
using Hone.Benchmarks.Infrastructure;

namespace Hone.Benchmarks.TpeSpeed;

/// <summary>Measures Optuna's side of the TPE speed benchmark through benchmarks/optuna/tpe_speed.py.</summary>
internal sealed class OptunaTpeSpeed : IDisposable
{
    /// <summary>The label of Optuna's runs in the tables.</summary>
    public const string Label = "Optuna TPESampler (defaults: independent)";

    private OptunaTpeSpeed(OptunaWorker worker)
    {
        Worker = worker;
    }

    /// <summary>Gets the worker, for its status and versions.</summary>
    public OptunaWorker Worker { get; }

    /// <summary>Starts the script, which warms up for as long as Hone does; or measures nothing when the settings
    /// say so.</summary>
    public static OptunaTpeSpeed Start(CommonSettings settings) => new(settings.RunOptuna
        ? OptunaWorker.Start(settings.Python, "tpe_speed.py",
        [
            "--warmup", settings.WarmupSeconds.ToString("R", CultureInfo.InvariantCulture),
            "--seed", settings.Seed.ToString(CultureInfo.InvariantCulture),
        ])
        : OptunaWorker.Skipped());

    /// <summary>Times one fresh study, or returns <see langword="null"/> when Optuna is not measured.</summary>
    public TpeSpeedRun? TimeOnce(int trials, int seed)
    {
        var request = new Dictionary<string, object>
        {
            ["op"] = "time",
            ["trials"] = trials,
            ["seed"] = seed,
        };
        if (Worker.Request(request) is not { } answer)
        {
            return null;
        }

        return new TpeSpeedRun(
            trials,
            new TpeSpeedClock(answer.GetProperty("total_seconds").GetDouble(), Seconds(answer, "starts")),
            new TpeSpeedClock(answer.GetProperty("total_cpu_seconds").GetDouble(), Seconds(answer, "cpu_starts")),
            null,
            null);
    }

    private static double[] Seconds(JsonElement answer, string name) =>
        [.. answer.GetProperty(name).EnumerateArray().Select(s => s.GetDouble())];

    /// <summary>Ends the script and returns its peak memory, when it reports one.</summary>
    public long? Finish() => Worker.Finish();

    /// <inheritdoc />
    public void Dispose() => Worker.Dispose();
}
