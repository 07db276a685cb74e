using Hone.Distributions;
using Microsoft.Extensions.Logging;

namespace Hone;

/// <summary>Defines Hone's log messages, with fixed levels, structured placeholders and public event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = HoneEventIds.StudyCreated, Level = LogLevel.Information,
        Message = "A new study '{StudyName}' was created.")]
    public static partial void StudyCreated(ILogger logger, string studyName);

    [LoggerMessage(EventId = HoneEventIds.StudyLoaded, Level = LogLevel.Information,
        Message = "Continuing the existing study '{StudyName}', which holds {TrialCount} trials.")]
    public static partial void StudyLoaded(ILogger logger, string studyName, int trialCount);

    [LoggerMessage(EventId = HoneEventIds.CallbackFailed, Level = LogLevel.Error,
        Message = "A callback failed after trial {TrialNumber}; the study goes on.")]
    public static partial void CallbackFailed(ILogger logger, Exception exception, int trialNumber);

    [LoggerMessage(EventId = HoneEventIds.TrialCompleted, Level = LogLevel.Information,
        Message = "Trial {TrialNumber} finished with value {Value} and parameters {Params}. "
            + "Best is trial {BestNumber} with value {BestValue}.")]
    public static partial void TrialCompleted(
        ILogger logger, int trialNumber, double value, string @params, int bestNumber, double bestValue);

    [LoggerMessage(EventId = HoneEventIds.TrialCompleted, Level = LogLevel.Information,
        Message = "Trial {TrialNumber} finished with values {Values} and parameters {Params}.")]
    public static partial void TrialCompletedMulti(ILogger logger, int trialNumber, string values, string @params);

    [LoggerMessage(EventId = HoneEventIds.TrialPruned, Level = LogLevel.Information,
        Message = "Trial {TrialNumber} pruned at step {Step} with parameters {Params}.")]
    public static partial void TrialPruned(ILogger logger, int trialNumber, int step, string @params);

    // A trial can be pruned before its first report (Tell with Pruned, or an early TrialPrunedException); the step
    // placeholder would then print as "(null)".
    [LoggerMessage(EventId = HoneEventIds.TrialPruned, Level = LogLevel.Information,
        Message = "Trial {TrialNumber} pruned before reporting any step, with parameters {Params}.")]
    public static partial void TrialPrunedBeforeReport(ILogger logger, int trialNumber, string @params);

    [LoggerMessage(EventId = HoneEventIds.TrialFailed, Level = LogLevel.Warning,
        Message = "Trial {TrialNumber} failed with parameters {Params}: {Reason}")]
    public static partial void TrialFailed(
        ILogger logger, Exception? exception, int trialNumber, string @params, string reason);

    [LoggerMessage(EventId = HoneEventIds.StepNarrowedHigh, Level = LogLevel.Warning,
        Message = "{Method}('{ParamName}'): step {Step} does not divide the range [{Low}, {High}]; "
            + "high is narrowed to {NarrowedHigh}, the last point of the grid anchored at low.")]
    public static partial void StepNarrowedHigh(
        ILogger logger, string method, string paramName, string step, string low, string high, string narrowedHigh);

    [LoggerMessage(EventId = HoneEventIds.InconsistentRepeat, Level = LogLevel.Warning,
        Message = "Parameter '{ParamName}' was suggested again in trial {TrialNumber} with {Distribution}, unlike the "
            + "first time ({FirstDistribution}); the first value is returned and may lie outside the new range.")]
    public static partial void InconsistentRepeat(
        ILogger logger, string paramName, int trialNumber, Distribution distribution, Distribution firstDistribution);

    [LoggerMessage(EventId = HoneEventIds.ValueOutsideDistribution, Level = LogLevel.Warning,
        Message = "The enqueued value {Value} of parameter '{ParamName}' in trial {TrialNumber} lies outside "
            + "{Distribution}; it is used as given.")]
    public static partial void EnqueuedValueOutside(
        ILogger logger, string paramName, int trialNumber, object? value, Distribution distribution);

    [LoggerMessage(EventId = HoneEventIds.ValueOutsideDistribution, Level = LogLevel.Warning,
        Message = "The fixed value {Value} of parameter '{ParamName}' lies outside {Distribution}; it is used as "
            + "given.")]
    public static partial void FixedValueOutside(
        ILogger logger, string paramName, object? value, Distribution distribution);

    [LoggerMessage(EventId = HoneEventIds.StepReportedTwice, Level = LogLevel.Warning,
        Message = "Step {Step} of trial {TrialNumber} was already reported; the first value is kept (further repeats "
            + "in this trial are not logged).")]
    public static partial void StepReportedTwice(ILogger logger, int step, int trialNumber);

    [LoggerMessage(EventId = HoneEventIds.SampledIndependently, Level = LogLevel.Debug,
        Message = "Parameter '{ParamName}' lies outside the joint search space and is sampled independently "
            + "(logged once per parameter).")]
    public static partial void SampledIndependently(ILogger logger, string paramName);

    [LoggerMessage(EventId = HoneEventIds.TrialFinishedElsewhere, Level = LogLevel.Warning,
        Message = "Trial {TrialNumber} was finished elsewhere (state {State}) while its objective ran; that state is "
            + "kept and this worker goes on.")]
    public static partial void TrialFinishedElsewhere(ILogger logger, int trialNumber, TrialState state);

    [LoggerMessage(EventId = HoneEventIds.HeartbeatFailed, Level = LogLevel.Warning,
        Message = "The heartbeat of trial id {TrialId} could not be recorded; the next one tries again.")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception, long trialId);

    [LoggerMessage(EventId = HoneEventIds.PrunerCannotCompare, Level = LogLevel.Warning,
        Message = "{Pruner} on trial {TrialNumber}: {Reason} (logged once per study).")]
    public static partial void PrunerCannotCompare(ILogger logger, string pruner, int trialNumber, string reason);

    [LoggerMessage(EventId = HoneEventIds.StorageRecordSkipped, Level = LogLevel.Warning,
        Message = "Skipped the line at byte {Offset} of journal '{Path}': {Reason}. A writer that stopped in the "
            + "middle of a write leaves such a line; the other records are read as usual (further skipped lines are "
            + "not logged).")]
    public static partial void JournalLineSkipped(ILogger logger, long offset, string path, string reason);
}
