namespace Hone;

/// <summary>Stops a study once it holds a number of finished trials, whoever ran them: a study-wide budget for
/// many workers.</summary>
/// <remarks>
/// <c>trials:</c> of <c>Optimize</c> counts the trials of one call in one process; pass this callback to every
/// worker to stop all of them when the study as a whole has enough. Trials already running still finish, so the
/// study may end with a few more than the budget.
/// </remarks>
/// <example>
/// <code>
/// study.Optimize(objective, callbacks: [new MaxTrialsCallback(500).Invoke]);
/// </code>
/// </example>
public sealed class MaxTrialsCallback
{
    private readonly TrialState[] _states;

    /// <summary>Creates the callback.</summary>
    /// <param name="maxTrials">The study-wide number of trials after which to stop.</param>
    /// <param name="states">The states that count; <see cref="TrialState.Complete"/>,
    /// <see cref="TrialState.Pruned"/> and <see cref="TrialState.Fail"/> when none is given.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTrials"/> is less than 1.</exception>
    public MaxTrialsCallback(int maxTrials, params IReadOnlyCollection<TrialState> states)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTrials, 1);
        MaxTrials = maxTrials;
        _states = states.Count == 0 ? [TrialState.Complete, TrialState.Pruned, TrialState.Fail] : [.. states];
    }

    /// <summary>Gets the study-wide number of trials after which the study stops.</summary>
    public int MaxTrials { get; }

    /// <summary>Stops the study when it holds enough trials in the counted states.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The trial that just finished.</param>
    public void Invoke(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (study.GetTrials(_states).Count >= MaxTrials)
        {
            study.Stop();
        }
    }
}
