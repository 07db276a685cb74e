using System.Globalization;

namespace Hone;

// How a study finishes a trial: the checks of a tell, the sampler's hook, and the write.
public sealed partial class Study
{
    /// <summary>Finishes a running trial; with no explicit state invalid values fail it instead of throwing.</summary>
    private FrozenTrial Finish(
        long trialId, TrialState? state, IReadOnlyList<double>? values, Exception? error, LiveTrial? live = null)
    {
        WriteBeforeFinish(trialId, live);

        // A trial this handle runs is known here as the storage holds it, but for writes made around it (another
        // worker's sweep, a pruner's attributes): its stored copy is read only when something needs those, a
        // pruned trial its last intermediate value, or the sampler's hook the trial. For a database, that spares a
        // round trip per trial; the write that finishes the trial still refuses one finished elsewhere meanwhile.
        var known = live is { IsFinished: false } && state != TrialState.Pruned
            && !Sampler.ReadsTrialAfterRun(state ?? TrialState.Complete)
            ? live.Known
            : null;
        // Only a tell by number reaches a trial that is not running without being finished (a waiting one).
        string trialParameter = live is null ? "trialNumber" : "trial";
        var current = known ?? Storage.GetTrial(trialId);
        ThrowUnlessRunning(current, trialParameter);
        try
        {
            (var finalState, var finalValues, string? reason) = Decide(current, state, values, error);
            if (reason is not null)
            {
                Storage.SetTrialSystemAttribute(trialId, FailReasonKey, reason);
            }

            AfterTrial(current, finalState, finalValues);
            FrozenTrial finished;
            try
            {
                finished = Storage.SetTrialState(trialId, finalState, finalValues);
            }
            finally
            {
                ReleaseTrial(trialId);
            }

            LogFinished(finished, reason, error);
            return finished;
        }
        catch (Exception e) when (known is not null && e is FinishedTrialUpdateException or ArgumentException)
        {
            // A trial finished elsewhere since it started is said to be, as the read would have said it first,
            // rather than refused for its arguments as if it were still running.
            ThrowUnlessRunning(Storage.GetTrial(trialId), trialParameter);
            throw;
        }
    }

    private void ThrowUnlessRunning(FrozenTrial current, string trialParameter)
    {
        if (current.State == TrialState.Running)
        {
            return;
        }

        if (current.State.IsFinished())
        {
            ReleaseTrial(current.TrialId);
        }

        throw current.State.IsFinished()
            ? new FinishedTrialUpdateException(
                $"Trial {current.Number} of study '{Name}' is already finished with state {current.State}; "
                + "a trial is told only once.")
            : new ArgumentException(
                $"Trial {current.Number} is {current.State}, not running; only an asked trial can be told.",
                trialParameter);
    }

    // NOTE(hone): the sampler's hook runs user code (TPE's constraints function); if it throws, the trial must not
    // stay running for ever, so it is failed with the reason before the exception goes on, as for a sampler that
    // throws when a trial starts.
    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "Design", "CA1031:Do not catch general exception types", Justification = "Rethrown after recording.")]
    private void AfterTrial(FrozenTrial current, TrialState state, IReadOnlyList<double>? values)
    {
        try
        {
            Sampler.AfterTrial(PartitionView(current.Number), current, state, values);
        }
        catch (Exception e)
        {
            FailQuietly(current.TrialId, new InvalidOperationException(
                $"{Sampler.GetType().Name} failed after trial {current.Number} ended as {state}: "
                + $"{Describe(e)}", e));
            throw;
        }
    }

    private (TrialState State, IReadOnlyList<double>? Values, string? Reason) Decide(
        FrozenTrial current, TrialState? state, IReadOnlyList<double>? values, Exception? error)
    {
        switch (state)
        {
            case TrialState.Complete:
                if (FindValueProblem(values) is { } problem)
                {
                    throw new ArgumentException(
                        $"Tell with state Complete needs valid values, but {problem}; trial {current.Number} stays "
                        + "running.", nameof(values));
                }

                return (TrialState.Complete, values, null);
            case TrialState.Pruned:
                ThrowIfValues(values, state.Value);
                // A pruned trial keeps its last intermediate value as its value, unless that value is NaN; with
                // several objectives one intermediate value is not a value per objective, so it keeps none.
                return (TrialState.Pruned,
                    Directions.Count == 1 && current.LastStep is { } step
                        && !double.IsNaN(current.IntermediateValues[step])
                        ? [current.IntermediateValues[step]]
                        : null,
                    null);
            case TrialState.Fail:
                ThrowIfValues(values, state.Value);
                return (TrialState.Fail, null, error is null ? "Told as failed." : Describe(error));
            case null:
                return FindValueProblem(values) is { } invalid
                    ? (TrialState.Fail, null, $"The objective's result is invalid: {invalid}.")
                    : (TrialState.Complete, values, null);
            default:
                throw new ArgumentException(
                    $"Tell finishes a trial: the state must be Complete, Pruned or Fail, but got {state}.",
                    nameof(state));
        }
    }

    private static void ThrowIfValues(IReadOnlyList<double>? values, TrialState state)
    {
        if (values is not null)
        {
            throw new ArgumentException(
                $"Tell with state {state} takes no values, but got {values.Count}.", nameof(values));
        }
    }

    private string? FindValueProblem(IReadOnlyList<double>? values)
    {
        if (values is null)
        {
            return "no values were given";
        }

        if (values.Count != Directions.Count)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the study has {Directions.Count} objective(s) and got {values.Count} value(s)");
        }

        for (int i = 0; i < values.Count; i++)
        {
            if (double.IsNaN(values[i]))
            {
                // Numbered by position, with the count, so that "#0" cannot be read as the value 0.
                return string.Create(
                    CultureInfo.InvariantCulture, $"objective value #{i} of {values.Count} is NaN");
            }
        }

        return null;
    }
}
