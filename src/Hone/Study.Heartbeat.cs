using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Hone;

public sealed partial class Study
{
    private readonly ConcurrentDictionary<long, ITimer> _heartbeats = new();

    /// <summary>Gets the heartbeat settings of this handle, or <see langword="null"/> when its trials send none.
    /// </summary>
    public HeartbeatOptions? Heartbeat { get; }

    /// <summary>Fails the study's running trials whose heartbeat is older than the grace period (their workers
    /// died), and calls <see cref="HeartbeatOptions.StaleTrialCallback"/> for each. Every trial start does this
    /// already; call it to sweep without starting a trial.</summary>
    /// <returns>The trials this call failed; a trial failed by another worker's sweep is not among them.</returns>
    /// <exception cref="InvalidOperationException">The study was opened without
    /// <see cref="StudyOptions.Heartbeat"/>.</exception>
    public IReadOnlyList<FrozenTrial> FailStaleTrials()
    {
        var options = Heartbeat ?? throw new InvalidOperationException(
            $"Study '{Name}' was opened without StudyOptions.Heartbeat, so it has no grace period to judge "
            + "heartbeats by; set StudyOptions.Heartbeat.");
        var failed = Storage.FailStaleTrials(StudyId, options.EffectiveGracePeriod);
        foreach (var trial in failed)
        {
            LogFinished(trial, trial.SystemAttributes.GetValueOrDefault(FailReasonKey) as string, null);
            CallStaleTrialCallback(options, trial);
        }

        return failed;
    }

    /// <summary>Checks heartbeat settings against the storage before anything is stored.</summary>
    private static void ValidateHeartbeat(StudyOptions options, Storages.TrialStorage storage)
    {
        if (options.Heartbeat is not { } heartbeat)
        {
            return;
        }

        if (heartbeat.Interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), heartbeat.Interval, "'Heartbeat.Interval > 0' must hold.");
        }

        if (heartbeat.EffectiveGracePeriod <= heartbeat.Interval)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                heartbeat.EffectiveGracePeriod,
                $"'Heartbeat.GracePeriod > Heartbeat.Interval' must hold, but got GracePeriod="
                + $"{heartbeat.EffectiveGracePeriod}, Interval={heartbeat.Interval}; a live trial would be failed.");
        }

        if (!storage.SupportsHeartbeats)
        {
            throw new ArgumentException(
                $"{storage.GetType().Name} keeps no heartbeats, so StudyOptions.Heartbeat cannot be used with it; "
                + "use a storage that does (in memory, SQLite, PostgreSQL or MySQL), or no heartbeat.",
                nameof(options));
        }
    }

    /// <summary>Records a heartbeat per interval for a trial that just started running (with its first heartbeat,
    /// by <see cref="Storages.TrialStorage.StartTrialWithHeartbeat"/>), until the trial is finished.</summary>
    private void StartHeartbeat(long trialId)
    {
        if (Heartbeat is not { } options)
        {
            return;
        }

        var timer = Time.CreateTimer(Beat, trialId, options.Interval, options.Interval);
        if (!_heartbeats.TryAdd(trialId, timer))
        {
            timer.Dispose();
        }
    }

    private void StopHeartbeat(long trialId)
    {
        if (_heartbeats.TryRemove(trialId, out var timer))
        {
            timer.Dispose();
        }
    }

    // NOTE(hone): a heartbeat runs on a timer thread; an exception escaping it would end the process, and a storage
    // that is briefly unreachable must not stop the trial, so failures are logged and the next beat tries again.
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Timer thread.")]
    private void Beat(object? state)
    {
        long trialId = (long)state!;
        try
        {
            // Parameters before the beat, as before any other write of the trial; an error is the trial's own.
            _liveTrials.GetValueOrDefault(trialId)?.WriteInBackground();
            Storage.RecordHeartbeat(trialId);
        }
        catch (FinishedTrialUpdateException)
        {
            // The trial ended, here or elsewhere (another worker's sweep): nothing more to say.
            StopHeartbeat(trialId);
        }
        catch (Exception e)
        {
            Log.HeartbeatFailed(Logger, e, trialId);
        }
    }

    // NOTE(hone): the stale-trial callback is user code; its failure is logged and must not stop the sweep.
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "User callback.")]
    private void CallStaleTrialCallback(HeartbeatOptions options, FrozenTrial trial)
    {
        try
        {
            options.StaleTrialCallback?.Invoke(this, trial);
        }
        catch (Exception e)
        {
            Log.CallbackFailed(Logger, e, trial.Number);
        }
    }
}
