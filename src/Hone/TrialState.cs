namespace Hone;

/// <summary>Names the stage of a trial's life; only <see cref="Running"/> and <see cref="Waiting"/> trials can
/// change.</summary>
public enum TrialState
{
    /// <summary>The objective is being evaluated.</summary>
    Running,

    /// <summary>The objective returned valid values.</summary>
    Complete,

    /// <summary>The trial was stopped early by a pruner or by the objective.</summary>
    Pruned,

    /// <summary>The objective threw, returned NaN or returned the wrong number of values.</summary>
    Fail,

    /// <summary>The trial was enqueued and waits for a worker to pick it up.</summary>
    Waiting,
}

/// <summary>Adds helpers to <see cref="TrialState"/>.</summary>
public static class TrialStateExtensions
{
    /// <summary>Tells whether a trial in this state is finished and can no longer change.</summary>
    /// <param name="state">The state to test.</param>
    /// <returns><see langword="true"/> for <see cref="TrialState.Complete"/>, <see cref="TrialState.Pruned"/>
    /// and <see cref="TrialState.Fail"/>.</returns>
    public static bool IsFinished(this TrialState state) =>
        state is TrialState.Complete or TrialState.Pruned or TrialState.Fail;
}
