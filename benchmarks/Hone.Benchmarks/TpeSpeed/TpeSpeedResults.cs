namespace Hone.Benchmarks.TpeSpeed;

/// <summary>Holds everything the TPE speed benchmark measured.</summary>
/// <param name="Multivariate">Hone's default TPE at the compared size.</param>
/// <param name="Independent">Hone's TPE with Multivariate = false at the compared size.</param>
/// <param name="Optuna">Optuna's TPE at the compared size, when Optuna ran.</param>
/// <param name="LongMultivariate">Hone's default TPE at the long size, when it ran.</param>
/// <param name="LongIndependent">Hone's independent TPE at the long size, when it ran.</param>
/// <param name="HoneFramework">Hone's name and version.</param>
/// <param name="HonePeakMemoryBytes">The peak working set of the runner's process, at the end.</param>
/// <param name="OptunaFramework">Optuna's and Python's versions.</param>
/// <param name="OptunaPeakMemoryBytes">The peak resident set of the Optuna script, when it reported one.</param>
/// <param name="OptunaProblem">Why Optuna was not measured, when it was not.</param>
/// <param name="OptunaFailed">Whether that problem is a failure of the script rather than a missing install or a
/// choice.</param>
/// <param name="LoadDuringRun">The range of the one-minute load average while the benchmark ran, when the system
/// reports one.</param>
internal sealed record TpeSpeedResults(
    TpeSpeedSeries Multivariate,
    TpeSpeedSeries Independent,
    TpeSpeedSeries? Optuna,
    TpeSpeedSeries? LongMultivariate,
    TpeSpeedSeries? LongIndependent,
    string HoneFramework,
    long HonePeakMemoryBytes,
    string OptunaFramework,
    long? OptunaPeakMemoryBytes,
    string? OptunaProblem,
    bool OptunaFailed,
    string? LoadDuringRun);
