namespace Hone;

public sealed partial class Study
{
    /// <summary>Runs trials of a single-objective objective until a limit is reached.</summary>
    /// <param name="objective">The objective: it asks the trial for values and returns the value to optimize.
    /// NaN fails the trial and the study goes on; infinities complete it.</param>
    /// <param name="trials">How many trials this call runs; <see langword="null"/> for no limit.</param>
    /// <param name="timeout">After this time no new trial starts; running trials finish. <see langword="null"/>
    /// for no limit.</param>
    /// <param name="jobs">How many trials run at once on separate threads; -1 for one per processor.</param>
    /// <param name="catchExceptions">Exception types (and their subtypes) that fail a trial without stopping the
    /// study. Any other exception from the objective fails the trial and is rethrown.</param>
    /// <param name="callbacks">Called after each finished trial with the study and the trial; a callback that
    /// throws is logged and the study goes on.</param>
    /// <param name="cancellationToken">Stops starting new trials; <c>Optimize</c> then throws
    /// <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit is negative or <paramref name="jobs"/> is 0 or less
    /// than -1.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public void Optimize(
        Func<Trial, double> objective,
        int? trials = null,
        TimeSpan? timeout = null,
        int jobs = 1,
        IReadOnlyCollection<Type>? catchExceptions = null,
        IReadOnlyList<Action<Study, FrozenTrial>>? callbacks = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Run(t => [objective(t)], trials, timeout, jobs, catchExceptions, callbacks, cancellationToken);
    }

    /// <summary>Runs trials of a multi-objective objective until a limit is reached; see
    /// <see cref="Optimize(Func{Trial, double}, int?, TimeSpan?, int, IReadOnlyCollection{Type}?,
    /// IReadOnlyList{Action{Study, FrozenTrial}}?, CancellationToken)"/>.</summary>
    /// <param name="objective">The objective: it returns one value per direction of the study. A wrong number of
    /// values fails the trial and stops <c>Optimize</c> with <see cref="InvalidOperationException"/>.</param>
    /// <param name="trials">How many trials this call runs; <see langword="null"/> for no limit.</param>
    /// <param name="timeout">After this time no new trial starts.</param>
    /// <param name="jobs">How many trials run at once; -1 for one per processor.</param>
    /// <param name="catchExceptions">Exception types that fail a trial without stopping the study.</param>
    /// <param name="callbacks">Called after each finished trial.</param>
    /// <param name="cancellationToken">Stops starting new trials.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit is negative or <paramref name="jobs"/> is invalid.
    /// </exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public void Optimize(
        Func<Trial, IReadOnlyList<double>> objective,
        int? trials = null,
        TimeSpan? timeout = null,
        int jobs = 1,
        IReadOnlyCollection<Type>? catchExceptions = null,
        IReadOnlyList<Action<Study, FrozenTrial>>? callbacks = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Run(objective, trials, timeout, jobs, catchExceptions, callbacks, cancellationToken);
    }

    private void Run(
        Func<Trial, IReadOnlyList<double>> objective,
        int? trials,
        TimeSpan? timeout,
        int jobs,
        IReadOnlyCollection<Type>? catchExceptions,
        IReadOnlyList<Action<Study, FrozenTrial>>? callbacks,
        CancellationToken cancellationToken)
    {
        var loop = CreateLoop(trials, timeout, jobs, catchExceptions, callbacks, cancellationToken);
        _loops.TryAdd(loop, true);
        try
        {
            loop.Run(objective);
        }
        finally
        {
            _loops.TryRemove(loop, out _);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private OptimizeLoop CreateLoop(
        int? trials,
        TimeSpan? timeout,
        int jobs,
        IReadOnlyCollection<Type>? catchExceptions,
        IReadOnlyList<Action<Study, FrozenTrial>>? callbacks,
        CancellationToken cancellationToken)
    {
        if (trials is { } n)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(n, nameof(trials));
        }

        if (timeout is { } t)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(t, TimeSpan.Zero, nameof(timeout));
        }

        if (jobs == 0 || jobs < -1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(jobs), jobs, "'jobs' must be a positive number of workers, or -1 for one per processor.");
        }

        var caught = CheckCatchTypes(catchExceptions);
        return new OptimizeLoop(
            this, jobs == -1 ? Environment.ProcessorCount : jobs, trials, timeout, caught, callbacks ?? [],
            cancellationToken);
    }

    private static Type[] CheckCatchTypes(IReadOnlyCollection<Type>? catchExceptions)
    {
        if (catchExceptions is null)
        {
            return [];
        }

        foreach (var type in catchExceptions)
        {
            if (type is null || !typeof(Exception).IsAssignableFrom(type))
            {
                throw new ArgumentException(
                    $"'catchExceptions' must list exception types, but got {type?.FullName ?? "null"}.",
                    nameof(catchExceptions));
            }
        }

        return [.. catchExceptions];
    }
}
