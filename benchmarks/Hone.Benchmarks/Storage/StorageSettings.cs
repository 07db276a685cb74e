using Hone.Benchmarks.Infrastructure;

namespace Hone.Benchmarks.Storage;

/// <summary>Holds the options of the storage benchmark.</summary>
/// <param name="Common">The shared options; <c>--repeat</c> counts Hone's runs per backend and size below
/// <see cref="LongSize"/>.</param>
/// <param name="Parts">The parts to run.</param>
/// <param name="Backends">The backends of the overhead part.</param>
/// <param name="Sizes">The study sizes of the overhead part, smallest first.</param>
/// <param name="LongRepeat">Hone's runs per backend at sizes of <see cref="LongSize"/> trials or more.</param>
/// <param name="OptunaSizes">The sizes at which Optuna's RDBStorage on SQLite is timed too.</param>
/// <param name="OptunaRepeat">Optuna's runs per size.</param>
/// <param name="Workers">The worker counts of the throughput part.</param>
/// <param name="WorkerSeconds">How long the workers of one count run.</param>
/// <param name="WorkerWarmup">The trials each worker runs on a study of its own before the barrier.</param>
/// <param name="SleepMs">How long each trial's objective sleeps in the throughput part.</param>
/// <param name="LargeTrials">The size of the large study.</param>
/// <param name="LargePath">Where the large study's SQLite file is kept and reused, or <see langword="null"/> for
/// a temporary file built afresh.</param>
internal sealed record StorageSettings(
    CommonSettings Common,
    IReadOnlySet<StoragePart> Parts,
    IReadOnlyList<StorageBackend> Backends,
    IReadOnlyList<int> Sizes,
    int LongRepeat,
    IReadOnlyList<int> OptunaSizes,
    int OptunaRepeat,
    IReadOnlyList<int> Workers,
    double WorkerSeconds,
    int WorkerWarmup,
    int SleepMs,
    int LargeTrials,
    string? LargePath)
{
    /// <summary>The study size from which <see cref="LongRepeat"/> applies instead of <c>--repeat</c>.</summary>
    public const int LongSize = 10_000;

    /// <summary>Returns how many times Hone's studies of a size are timed.</summary>
    public int RepeatAt(int trials) => trials >= LongSize ? LongRepeat : Common.Repeat;
}

/// <summary>The parts of the storage benchmark, each with its own section of docs/benchmarks.md.</summary>
internal enum StoragePart
{
    /// <summary>Per-trial overhead on every backend, with Optuna's RDBStorage on SQLite.</summary>
    Overhead,

    /// <summary>Trials per second of several worker processes on PostgreSQL.</summary>
    Throughput,

    /// <summary>Opening and sampling a 100,000-trial study on SQLite in a fresh process.</summary>
    Large,
}
