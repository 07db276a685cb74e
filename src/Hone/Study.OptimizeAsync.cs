namespace Hone;

public sealed partial class Study
{
    /// <summary>Runs trials of an asynchronous single-objective objective, for objectives that await remote work
    /// (a training job on another machine, an HTTP call).</summary>
    /// <param name="objective">The objective; it receives the trial and the cancellation token.</param>
    /// <param name="trials">How many trials this call runs; <see langword="null"/> for no limit.</param>
    /// <param name="timeout">After this time no new trial starts; running trials finish.</param>
    /// <param name="jobs">How many trials are awaited at once; -1 for one per processor.</param>
    /// <param name="catchExceptions">Exception types that fail a trial without stopping the study.</param>
    /// <param name="callbacks">Called after each finished trial; a callback that throws is logged.</param>
    /// <param name="cancellationToken">Stops starting new trials and is passed to the objective.</param>
    /// <returns>A task that completes when the run ends.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A limit is negative or <paramref name="jobs"/> is invalid.
    /// </exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>The rules are those of the synchronous <c>Optimize</c>. Suggestions inside the objective are
    /// synchronous calls.</remarks>
    public Task OptimizeAsync(
        Func<Trial, CancellationToken, Task<double>> objective,
        int? trials = null,
        TimeSpan? timeout = null,
        int jobs = 1,
        IReadOnlyCollection<Type>? catchExceptions = null,
        IReadOnlyList<Action<Study, FrozenTrial>>? callbacks = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return RunAsync(
            async (trial, token) => [await objective(trial, token).ConfigureAwait(false)],
            trials, timeout, jobs, catchExceptions, callbacks, cancellationToken);
    }

    /// <summary>Runs trials of an asynchronous multi-objective objective; see
    /// <see cref="OptimizeAsync(Func{Trial, CancellationToken, Task{double}}, int?, TimeSpan?, int,
    /// IReadOnlyCollection{Type}?, IReadOnlyList{Action{Study, FrozenTrial}}?, CancellationToken)"/>.</summary>
    /// <param name="objective">The objective; it returns one value per direction.</param>
    /// <param name="trials">How many trials this call runs.</param>
    /// <param name="timeout">After this time no new trial starts.</param>
    /// <param name="jobs">How many trials are awaited at once.</param>
    /// <param name="catchExceptions">Exception types that fail a trial without stopping the study.</param>
    /// <param name="callbacks">Called after each finished trial.</param>
    /// <param name="cancellationToken">Stops starting new trials and is passed to the objective.</param>
    /// <returns>A task that completes when the run ends.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A limit is negative or <paramref name="jobs"/> is invalid.
    /// </exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task OptimizeAsync(
        Func<Trial, CancellationToken, Task<IReadOnlyList<double>>> objective,
        int? trials = null,
        TimeSpan? timeout = null,
        int jobs = 1,
        IReadOnlyCollection<Type>? catchExceptions = null,
        IReadOnlyList<Action<Study, FrozenTrial>>? callbacks = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return RunAsync(objective, trials, timeout, jobs, catchExceptions, callbacks, cancellationToken);
    }

    private Task RunAsync(
        Func<Trial, CancellationToken, Task<IReadOnlyList<double>>> objective,
        int? trials,
        TimeSpan? timeout,
        int jobs,
        IReadOnlyCollection<Type>? catchExceptions,
        IReadOnlyList<Action<Study, FrozenTrial>>? callbacks,
        CancellationToken cancellationToken)
    {
        // Arguments are checked here, synchronously, so that a bad call throws at once rather than in the task.
        var loop = CreateLoop(trials, timeout, jobs, catchExceptions, callbacks, cancellationToken);
        return Run(loop);

        async Task Run(OptimizeLoop loop)
        {
            _loops.TryAdd(loop, true);
            try
            {
                await loop.RunAsync(objective).ConfigureAwait(false);
            }
            finally
            {
                _loops.TryRemove(loop, out _);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
