using System.Globalization;

namespace Hone;

/// <summary>Enqueues the parameters of a trial that failed as stale, so that another worker runs them again: the
/// ready-made <see cref="HeartbeatOptions.StaleTrialCallback"/>.</summary>
/// <remarks>
/// <para>
/// The new trial waits in the queue with the failed trial's parameters and user attributes, and, when
/// <c>inheritIntermediateValues</c> is set, its intermediate values (an objective that checkpoints can then resume
/// from the last step). Its system attributes say which trial failed (<c>failed_trial</c>) and list every trial of
/// the chain so far (<c>retry_history</c>), so that <see cref="RetriedTrialNumber"/> finds the first one.
/// </para>
/// <para>
/// Only the parameters in storage are enqueued. A trial writes its suggestions up to
/// <see cref="StudyOptions.ParameterWriteDelay"/> after making them, so a worker killed within that delay leaves
/// the last ones unwritten, and the retry samples those afresh (all of them when the worker died before its first
/// write). Set the delay to <see cref="TimeSpan.Zero"/> where every retry must repeat every value.
/// </para>
/// </remarks>
public sealed class RetryFailedTrialCallback
{
    /// <summary>Names the system attribute that holds the number of the trial a retry replaces.</summary>
    public const string FailedTrialKey = "failed_trial";

    /// <summary>Names the system attribute that lists the numbers of the trials a retry follows, oldest first.
    /// </summary>
    public const string RetryHistoryKey = "retry_history";

    private readonly int? _maxRetry;
    private readonly bool _inheritIntermediateValues;

    /// <summary>Creates the callback.</summary>
    /// <param name="maxRetry">How many times the same parameters are retried at most; <see langword="null"/> for no
    /// limit.</param>
    /// <param name="inheritIntermediateValues">Whether the retry starts with the failed trial's intermediate
    /// values.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRetry"/> is negative.</exception>
    public RetryFailedTrialCallback(int? maxRetry = null, bool inheritIntermediateValues = false)
    {
        if (maxRetry is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(max, nameof(maxRetry));
        }

        _maxRetry = maxRetry;
        _inheritIntermediateValues = inheritIntermediateValues;
    }

    /// <summary>Enqueues a retry of the trial, unless it has been retried the maximum number of times.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The trial that failed.</param>
    public void Invoke(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        var history = RetryHistory(trial).Append(trial.Number).ToArray();
        if (_maxRetry is { } max && history.Length > max)
        {
            return;
        }

        study.AddTrial(new FrozenTrial
        {
            State = TrialState.Waiting,
            Params = trial.Params,
            Distributions = trial.Distributions,
            UserAttributes = trial.UserAttributes,
            IntermediateValues = _inheritIntermediateValues ? trial.IntermediateValues : new Dictionary<int, double>(),
            SystemAttributes = new Dictionary<string, object?>
            {
                [FailedTrialKey] = trial.Number,
                [RetryHistoryKey] = history,
            },
        });
    }

    /// <summary>Returns the number of the first trial of a retry chain, or <see langword="null"/> when the trial
    /// is not a retry.</summary>
    /// <param name="trial">A trial.</param>
    /// <returns>The first trial's number.</returns>
    public static int? RetriedTrialNumber(FrozenTrial trial)
    {
        var history = RetryHistory(trial);
        return history.Count == 0 ? null : history[0];
    }

    /// <summary>Returns the numbers of the trials a retry follows, oldest first; empty for a trial that is not a
    /// retry.</summary>
    /// <param name="trial">A trial.</param>
    /// <returns>The numbers.</returns>
    public static IReadOnlyList<int> RetryHistory(FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.SystemAttributes.GetValueOrDefault(RetryHistoryKey) is IEnumerable<object?> numbers
            ? [.. numbers.Select(n => Convert.ToInt32(n, CultureInfo.InvariantCulture))]
            : [];
    }
}
