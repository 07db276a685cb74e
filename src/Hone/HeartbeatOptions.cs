namespace Hone;

/// <summary>Configures heartbeats: a running trial tells the storage it is alive at a fixed interval, and a trial
/// whose heartbeat is older than the grace period is failed by the next worker that starts a trial.</summary>
/// <remarks>
/// Heartbeats need a storage that keeps them (<see cref="Storages.TrialStorage.SupportsHeartbeats"/>). Without
/// them, the trials of a worker that was killed stay <see cref="TrialState.Running"/> for ever. The sweep and the
/// heartbeat compare times at the storage's clock, so workers whose clocks disagree do not fail each other's trials.
/// </remarks>
public sealed class HeartbeatOptions
{
    /// <summary>Gets or sets how often a running trial records its heartbeat.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how old a trial's last heartbeat may be before the trial counts as dead; it must be
    /// longer than <see cref="Interval"/>, with room for a busy machine.</summary>
    /// <value>The default value is <see langword="null"/>: twice <see cref="Interval"/>.</value>
    public TimeSpan? GracePeriod { get; set; }

    /// <summary>Gets or sets what to do with each trial that a worker fails as stale, such as
    /// <see cref="RetryFailedTrialCallback.Invoke"/>; called once per stale trial, by the worker that failed it.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: nothing more.</value>
    public Action<Study, FrozenTrial>? StaleTrialCallback { get; set; }

    /// <summary>Gets the grace period in effect.</summary>
    internal TimeSpan EffectiveGracePeriod => GracePeriod ?? (Interval * 2);
}
