using Hone.Benchmarks.Overhead;

namespace Hone.Benchmarks.Storage;

/// <summary>Holds the overhead part's figures for one backend.</summary>
/// <param name="Backend">The backend.</param>
/// <param name="Label">Its label, with the server's version.</param>
/// <param name="Problem">Why it was skipped, or <see langword="null"/>.</param>
/// <param name="Sizes">One entry per study size.</param>
internal sealed record BackendOverhead(
    StorageBackend Backend, string Label, string? Problem, IReadOnlyList<OverheadSize> Sizes);

/// <summary>Holds the overhead part's figures.</summary>
/// <param name="Backends">Hone's figures, one entry per backend asked for.</param>
/// <param name="OptunaFramework">Optuna's version, as its script announced it.</param>
/// <param name="Optuna">Optuna's figures on SQLite, one entry per size it ran.</param>
/// <param name="OptunaProblem">Why Optuna did not run, or <see langword="null"/>.</param>
/// <param name="OptunaFailed">Whether that problem is an error.</param>
internal sealed record OverheadPartResult(
    IReadOnlyList<BackendOverhead> Backends,
    string OptunaFramework,
    IReadOnlyList<OverheadSize> Optuna,
    string? OptunaProblem,
    bool OptunaFailed);

/// <summary>Holds the throughput of one worker count.</summary>
/// <param name="Workers">The worker processes.</param>
/// <param name="Seconds">The measured window.</param>
/// <param name="Trials">Trials completed within the window, by all workers.</param>
/// <param name="ReadySeconds">From starting the processes until the last had warmed up and said it was ready (not
/// in the window).</param>
/// <param name="SleepMs">The mean time a trial's objective spent asleep.</param>
/// <param name="OutsideMs">The mean time per trial outside the sleep: the framework, the storage round trips and
/// waits for the database or the processor.</param>
/// <param name="Unique">Whether the study's trial numbers were dense and unique afterwards.</param>
/// <param name="WorkerCpuMs">Processor time the workers used per trial.</param>
/// <param name="MachineCpuMs">Processor time the whole machine used per trial in the window (workers, server,
/// system), where the system says.</param>
/// <param name="BusyShare">The share of the machine's processor time that was busy in the window.</param>
/// <param name="ActiveSessions">The mean number of server sessions running a statement.</param>
/// <param name="LockWaitShare">The share of those waiting for a lock that another session held.</param>
/// <param name="Calls">The storage calls per trial of each kind in the workers, with their milliseconds per
/// trial.</param>
/// <param name="StartSeconds">From starting the processes until the last one's runtime was up and running its
/// code.</param>
internal sealed record ThroughputRow(
    int Workers,
    double Seconds,
    int Trials,
    double ReadySeconds,
    double SleepMs,
    double OutsideMs,
    bool Unique,
    double WorkerCpuMs,
    double? MachineCpuMs,
    double? BusyShare,
    double ActiveSessions,
    double LockWaitShare,
    IReadOnlyDictionary<string, (double Calls, double Ms)> Calls,
    double StartSeconds = 0)
{
    /// <summary>Gets the trials per second.</summary>
    public double PerSecond => Trials / Seconds;
}

/// <summary>Holds the throughput part's figures.</summary>
/// <param name="Label">The server.</param>
/// <param name="Problem">Why it did not run, or <see langword="null"/>.</param>
/// <param name="Rows">One entry per worker count.</param>
internal sealed record ThroughputPartResult(string Label, string? Problem, IReadOnlyList<ThroughputRow> Rows);

/// <summary>Holds the large-study part's figures.</summary>
/// <param name="Trials">The trials in the study.</param>
/// <param name="BuildSeconds">The time to build it, or <see langword="null"/> when an earlier build was reused.
/// </param>
/// <param name="FileBytes">The size of the SQLite file (with its WAL).</param>
/// <param name="OpenSeconds">StorageUrl.Open and Study.Load in the fresh process.</param>
/// <param name="FirstTrialSeconds">Ask, suggest and Tell of the first TPE trial (reads every trial into the cache).
/// </param>
/// <param name="NextTrialSeconds">The same for the next trial (reads only what changed).</param>
/// <param name="RereadSeconds">A read of all the trials afterwards (GetAllTrials, served by the cache).</param>
/// <param name="PeakBytes">The fresh process's peak working set.</param>
/// <param name="ProcessSeconds">From starting the fresh process until it exited.</param>
internal sealed record LargePartResult(
    int Trials,
    double? BuildSeconds,
    long FileBytes,
    double OpenSeconds,
    double FirstTrialSeconds,
    double NextTrialSeconds,
    double RereadSeconds,
    long PeakBytes,
    double ProcessSeconds);
