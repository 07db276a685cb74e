using System.Collections.Concurrent;
using Hone.Distributions;

namespace Hone;

public sealed partial class Study
{
    // The trials this handle started and has not finished, so that a tell by number, a heartbeat or the end of a
    // trial writes their pending parameters first.
    private readonly ConcurrentDictionary<long, LiveTrial> _liveTrials = new();

    // A distribution per parameter name that the storage accepted for this study. Compatibility is an equivalence
    // (same kind, log flag and choices), so a distribution that conflicts with this one conflicts with the study's
    // first one too, and one compatible with it is compatible with the first.
    private readonly ConcurrentDictionary<string, Distribution> _acceptedDistributions = new(StringComparer.Ordinal);

    /// <summary>Returns a distribution the storage accepted for a name in this study, or <see langword="null"/>
    /// when this handle has written none.</summary>
    internal Distribution? AcceptedDistribution(string name) => _acceptedDistributions.GetValueOrDefault(name);

    /// <summary>Remembers that the storage accepted a distribution for a name.</summary>
    internal void AcceptDistribution(string name, Distribution distribution) =>
        _acceptedDistributions.TryAdd(name, distribution);

    private void TrackLive(LiveTrial trial) => _liveTrials[trial.TrialId] = trial;

    /// <summary>Writes what a trial still holds before it is finished: a finished trial has all its parameters.
    /// A refused write fails the trial with that error, which goes on to the caller.</summary>
    private void WriteBeforeFinish(long trialId, LiveTrial? live)
    {
        live ??= _liveTrials.GetValueOrDefault(trialId);
        if (live is null)
        {
            return;
        }

        try
        {
            live.WriteParameters();
        }
        catch (FinishedTrialUpdateException)
        {
            // Finished elsewhere (a stale-trial sweep, another tell): the state check that follows says so.
        }
        catch (Exception e)
        {
            FailQuietly(trialId, e);
            throw;
        }
    }

    /// <summary>Stops what keeps a finished trial going here: its heartbeat, and its pending parameter writes.
    /// </summary>
    private void ReleaseTrial(long trialId)
    {
        StopHeartbeat(trialId);
        if (_liveTrials.TryRemove(trialId, out var live))
        {
            live.MarkFinished();
        }
    }
}
