using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;

namespace Hone;

public sealed partial class Study
{
    /// <summary>Runs the trials of one <c>Optimize</c> or <c>OptimizeAsync</c> call on one or more workers.
    /// </summary>
    private sealed class OptimizeLoop(
        Study study,
        int jobs,
        int? trials,
        TimeSpan? timeout,
        Type[] caught,
        IReadOnlyList<Action<Study, FrozenTrial>> callbacks,
        CancellationToken cancellationToken)
    {
        private readonly long _started = study.Time.GetTimestamp();
        private volatile bool _stopRequested;
        private int _trialsStarted;
        private ExceptionDispatchInfo? _failure;

        /// <summary>Asks the loop to start no new trial.</summary>
        public void Stop() => _stopRequested = true;

        public void Run(Func<Trial, IReadOnlyList<double>> objective)
        {
            if (jobs == 1)
            {
                Work(objective);
                return;
            }

            var threads = Enumerable.Range(0, jobs).Select(i => new Thread(() => WorkAndCapture(objective))
            {
                Name = $"Hone {study.Name} #{i}",
                IsBackground = true,
            }).ToList();
            threads.ForEach(th => th.Start());
            threads.ForEach(th => th.Join());
            _failure?.Throw();
        }

        // NOTE(hone): the trial runner is a catch-all boundary: whatever the objective throws marks its trial
        // failed before it propagates (or is swallowed when the user listed its type).
        [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Trial runner.")]
        public async Task RunAsync(Func<Trial, CancellationToken, Task<IReadOnlyList<double>>> objective)
        {
            var workers = Enumerable.Range(0, jobs).Select(_ => Task.Run(
                async () =>
                {
                    while (ShouldStartAnother())
                    {
                        var trial = study.StartTrial();
                        IReadOnlyList<double>? values = null;
                        Exception? error = null;
                        try
                        {
                            values = await objective(trial, cancellationToken).ConfigureAwait(false);
                        }
                        catch (Exception e)
                        {
                            error = e;
                        }

                        Conclude(trial, values, error);
                    }
                },
                CancellationToken.None));
            await Task.WhenAll(workers).ConfigureAwait(false);
            _failure?.Throw();
        }

        [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Trial runner.")]
        private void Work(Func<Trial, IReadOnlyList<double>> objective)
        {
            while (ShouldStartAnother())
            {
                var trial = study.StartTrial();
                IReadOnlyList<double>? values = null;
                Exception? error = null;
                try
                {
                    values = objective(trial);
                }
                catch (Exception e)
                {
                    error = e;
                }

                Conclude(trial, values, error);
            }
        }

        // NOTE(hone): one of the three catch-all boundaries: an exception that escapes a worker thread would
        // kill the process, so it is carried to the calling thread and rethrown there.
        [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Thread boundary.")]
        private void WorkAndCapture(Func<Trial, IReadOnlyList<double>> objective)
        {
            try
            {
                Work(objective);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
            }
        }

        private bool ShouldStartAnother()
        {
            if (_stopRequested || Volatile.Read(ref _failure) is not null
                || cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            if (timeout is { } limit && study.Time.GetElapsedTime(_started) >= limit)
            {
                return false;
            }

            return trials is not { } n || Interlocked.Increment(ref _trialsStarted) <= n;
        }

        /// <summary>Records what the objective did, runs the callbacks, and rethrows what must propagate.</summary>
        private void Conclude(LiveTrial trial, IReadOnlyList<double>? values, Exception? error)
        {
            if (error is null && (values is null || values.Count != study.Directions.Count))
            {
                error = new InvalidOperationException(
                    $"The objective returned {values?.Count ?? 0} value(s), but study '{study.Name}' has "
                    + $"{study.Directions.Count} objective(s); trial {trial.Number} is marked failed.");
            }

            FrozenTrial finished;
            try
            {
                finished = error switch
                {
                    null => study.Finish(trial.TrialId, null, values, null, trial),
                    TrialPrunedException => study.Finish(trial.TrialId, TrialState.Pruned, null, null, trial),
                    _ => study.Finish(trial.TrialId, TrialState.Fail, null, error, trial),
                };
            }
            catch (FinishedTrialUpdateException)
            {
                // Something else finished this trial while it ran (a tell from elsewhere, a stale-trial sweep):
                // its state stands, and this worker goes on with its next trial.
                finished = study.Storage.GetTrial(trial.TrialId);
                Log.TrialFinishedElsewhere(study.Logger, trial.Number, finished.State);

                // The objective itself may have failed only because its trial was finished elsewhere (a report
                // refused); that is not an error of the objective.
                if (error is FinishedTrialUpdateException)
                {
                    error = null;
                }
            }

            if (error is not (null or TrialPrunedException) && !Array.Exists(caught, t => t.IsInstanceOfType(error)))
            {
                var failure = ExceptionDispatchInfo.Capture(error);
                Interlocked.CompareExchange(ref _failure, failure, null);
                failure.Throw();
            }

            RunCallbacks(finished);
        }

        // NOTE(hone): a failing callback is logged and must not end the study or corrupt its storage.
        [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "User callbacks.")]
        private void RunCallbacks(FrozenTrial finished)
        {
            foreach (var callback in callbacks)
            {
                try
                {
                    callback(study, finished);
                }
                catch (Exception e)
                {
                    Log.CallbackFailed(study.Logger, e, finished.Number);
                }
            }
        }
    }
}
