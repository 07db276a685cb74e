using Hone.Benchmarks.Infrastructure;

namespace Hone.Benchmarks.TpeSpeed;

/// <summary>Holds the options of the TPE speed benchmark.</summary>
/// <param name="Common">The shared options; <see cref="CommonSettings.Repeat"/> is the number of Hone runs per
/// variant at the compared size.</param>
/// <param name="Trials">The study size that Hone and Optuna both run.</param>
/// <param name="OptunaRepeat">The number of Optuna runs at that size.</param>
/// <param name="LongTrials">The study size that Hone runs alone; 0 for none.</param>
/// <param name="LongRepeat">The number of Hone runs per variant at that size.</param>
/// <param name="Window">The number of trials per window of the growth table.</param>
internal sealed record TpeSpeedSettings(
    CommonSettings Common, int Trials, int OptunaRepeat, int LongTrials, int LongRepeat, int Window);
