using Hone.Samplers;

namespace Hone.Tests;

public sealed class StudyOptimizeAsyncTests
{
    [Fact]
    public async Task OptimizeAsync_AwaitsObjectiveAndRecordsTrials()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(2) });

        await study.OptimizeAsync(async (trial, token) =>
        {
            double x = trial.SuggestFloat("x", -1, 1);
            await Task.Delay(1, token);
            return x * x;
        }, trials: 20, jobs: 4);

        Assert.Equal(Enumerable.Range(0, 20), study.Trials.Select(t => t.Number).Order());
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public async Task OptimizeAsync_ObjectiveThrows_FailsTrialAndPropagates()
    {
        var study = Study.Create();

        await Assert.ThrowsAsync<TimeoutException>(() => study.OptimizeAsync(
            async (_, token) =>
            {
                await Task.Yield();
                throw new TimeoutException("remote job timed out");
#pragma warning disable CS0162 // Unreachable code: gives the lambda its return type.
                return 0.0;
#pragma warning restore CS0162
            }, trials: 3));

        Assert.Equal(TrialState.Fail, Assert.Single(study.Trials).State);
    }

    [Fact]
    public async Task OptimizeAsync_MultiObjectiveAndCaughtExceptions()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Maximize] });

        await study.OptimizeAsync(async (trial, _) =>
        {
            await Task.Yield();
            return trial.Number == 1 ? throw new InvalidDataException() : (IReadOnlyList<double>)[trial.Number, 1];
        }, trials: 3, catchExceptions: [typeof(InvalidDataException)]);

        Assert.Equal([TrialState.Complete, TrialState.Fail, TrialState.Complete], study.Trials.Select(t => t.State));
    }

    [Fact]
    public void OptimizeAsync_InvalidArguments_ThrowAtOnce()
    {
        var study = Study.Create();

        // The call itself throws, before any task exists.
        var error = Record.Exception(() => { _ = study.OptimizeAsync((_, _) => Task.FromResult(0.0), trials: -1); });

        Assert.IsType<ArgumentOutOfRangeException>(error);
    }

    [Fact]
    public void MaxTrialsCallback_StopsWhenStudyHoldsEnoughTrials()
    {
        var study = Study.Create();
        study.Optimize(_ => 0, trials: 3);

        study.Optimize(_ => 0, trials: 100, jobs: 2, callbacks: [new MaxTrialsCallback(10).Invoke]);

        Assert.InRange(study.Trials.Count, 10, 11);
    }

    [Fact]
    public void StudyOptions_Defaults_AreDocumentedValues()
    {
        var options = new StudyOptions();

        Assert.Null(options.Name);
        Assert.Null(options.Storage);
        Assert.Null(options.Sampler);
        Assert.Null(options.Pruner);
        Assert.Null(options.Direction);
        Assert.Null(options.Directions);
        Assert.False(options.LoadIfExists);
        Assert.Null(options.LoggerFactory);
        Assert.Null(options.TimeProvider);
    }
}
