namespace Hone;

/// <summary>Lists the event identifiers of Hone's log messages, grouped by area: 1xxx study, 2xxx trial,
/// 3xxx sampler and pruner, 4xxx storage.</summary>
public static class HoneEventIds
{
    /// <summary>A study was created.</summary>
    public const int StudyCreated = 1001;

    /// <summary>An existing study was loaded.</summary>
    public const int StudyLoaded = 1002;

    /// <summary>A callback passed to <c>Optimize</c> threw; the study went on.</summary>
    public const int CallbackFailed = 1003;

    /// <summary>A trial completed.</summary>
    public const int TrialCompleted = 2001;

    /// <summary>A trial was pruned.</summary>
    public const int TrialPruned = 2002;

    /// <summary>A trial failed.</summary>
    public const int TrialFailed = 2003;

    /// <summary>A trial was finished by someone else (another tell, a stale-trial sweep) while its objective ran.
    /// </summary>
    public const int TrialFinishedElsewhere = 2004;

    /// <summary>A step that does not divide its range narrowed the upper bound of a parameter.</summary>
    public const int StepNarrowedHigh = 2101;

    /// <summary>A parameter was suggested again in the same trial with different arguments.</summary>
    public const int InconsistentRepeat = 2102;

    /// <summary>An enqueued or fixed value lies outside its distribution and is used as given.</summary>
    public const int ValueOutsideDistribution = 2103;

    /// <summary>A step was reported twice; the first value is kept.</summary>
    public const int StepReportedTwice = 2104;

    /// <summary>A multivariate sampler drew a parameter on its own, outside every joint group.</summary>
    public const int SampledIndependently = 3001;

    /// <summary>A pruner could not compare a trial fully (for example the trial it compares with reported no
    /// intermediate values); logged once per study and cause.</summary>
    public const int PrunerCannotCompare = 3101;

    /// <summary>A storage skipped a record it could not read or apply, such as the torn last line of a writer that
    /// crashed; logged once per storage.</summary>
    public const int StorageRecordSkipped = 4001;

    /// <summary>A storage operation met a transient conflict (a busy database, a deadlock, a serialization failure)
    /// and is run again after a short pause.</summary>
    public const int StorageOperationRetried = 4002;

    /// <summary>A running trial could not record its heartbeat; the next beat tries again.</summary>
    public const int HeartbeatFailed = 4003;
}
