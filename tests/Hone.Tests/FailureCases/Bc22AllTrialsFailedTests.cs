using System.Globalization;
using Hone.Tests.Support;
using Microsoft.Extensions.Logging;
using static Hone.Tests.FailureCases.FailureCaseHelpers;

namespace Hone.Tests.FailureCases;

/// <summary>BC-22: a study whose trials all failed or were pruned runs every trial without internal errors, and its
/// best-trial accessors throw <see cref="NoCompletedTrialsException"/> (the Pareto front is empty).</summary>
[Trait("Issue", "BC-22")]
public sealed class Bc22AllTrialsFailedTests
{
    [Theory]
    [InlineData(StudyDirection.Minimize)]
    [InlineData(StudyDirection.Maximize)]
    public void Optimize_EveryTrialThrowsACaughtException_RunsAllTrialsAndHasNoBestTrial(StudyDirection direction)
    {
        var logs = new CapturingLoggerFactory();
        var study = CreateStudy(logs: logs, direction: direction);
        var seen = new List<int>();

        study.Optimize(
            (Func<Trial, double>)(t =>
            {
                t.SuggestFloat("x", 0, 1);
                throw new InvalidOperationException("boom");
            }),
            trials: 10,
            catchExceptions: [typeof(InvalidOperationException)],
            callbacks: [(s, t) => seen.Add(t.Number + s.BestTrials.Count)]);

        Assert.Equal(10, study.Trials.Count);
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Fail, t.State));
        Assert.Equal(Enumerable.Range(0, 10), seen);
        AssertNoBestTrial(study);
        Assert.Equal(10, logs.Warnings.Count);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }

    // NOTE(hone): pruners arrive with issue 4; extend this test then (prune through ShouldPrune with a real pruner).
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Optimize_EveryTrialPruned_RunsAllTrialsAndHasNoBestTrial(bool reportFirst)
    {
        var logs = new CapturingLoggerFactory();
        var study = CreateStudy(logs: logs);
        int callbacks = 0;

        study.Optimize(
            (Func<Trial, double>)(t =>
            {
                if (reportFirst)
                {
                    t.Report(0.5 - t.Number, 0);
                }

                throw new TrialPrunedException();
            }),
            trials: 10,
            callbacks: [(_, _) => callbacks++]);

        Assert.All(study.Trials, t => Assert.Equal(TrialState.Pruned, t.State));
        Assert.Equal(10, callbacks);
        AssertNoBestTrial(study);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public void Optimize_FailedAndPrunedMixed_NoCompletedTrialsMessageExplainsWhy()
    {
        var study = CreateStudy();

        study.Optimize(
            (Func<Trial, double>)(t =>
            {
                if (t.Number % 2 == 0)
                {
                    throw new TrialPrunedException();
                }

                throw new InvalidOperationException("boom");
            }),
            trials: 6,
            catchExceptions: [typeof(InvalidOperationException)]);

        var error = Assert.Throws<NoCompletedTrialsException>(() => study.BestTrial);
        Assert.Contains("3 pruned", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 fail", error.Message, StringComparison.Ordinal);
        Assert.Contains(Study.FailReasonKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_FirstFifteenFailThenNormal_BestTrialComesFromTheLaterOnes()
    {
        var study = CreateStudy(seed: 221);
        var bestSoFar = new List<double?>();

        study.Optimize(
            t =>
            {
                double x = t.SuggestFloat("x", -10, 10);
                return t.Number < 15 ? throw new InvalidOperationException("not yet") : x * x;
            },
            trials: 30,
            catchExceptions: [typeof(InvalidOperationException)],
            callbacks: [(s, _) => bestSoFar.Add(s.GetTrials(TrialState.Complete).Count == 0 ? null : s.BestValue)]);

        var trials = study.Trials;
        Assert.All(trials.Take(15), t => Assert.Equal(TrialState.Fail, t.State));
        Assert.All(trials.Skip(15), t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(bestSoFar.Take(15), b => Assert.Null(b));
        Assert.All(bestSoFar.Skip(15), b => Assert.NotNull(b));
        Assert.InRange(study.BestTrial.Number, 15, 29);
        Assert.Equal(trials.Skip(15).Min(t => t.Value), study.BestValue);
    }

    /// <summary>Case (c) with TPE and 5 startup trials: failed trials count for nothing, so trials 0-19 (15
    /// failures, then the first 5 complete trials) come from the startup sampler, a random sampler with the same
    /// seed; from trial 20 the model of the complete trials decides.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Optimize_FirstFifteenFailThenNormalWithTpe_StartsLikeItsStartupSamplerThenUsesCompleteTrials(
        bool multivariate)
    {
        var logs = new CapturingLoggerFactory();
        var study = CreateStudy(logs: logs, sampler: Tpe(seed: 222, startupTrials: 5, multivariate));
        var startup = CreateStudy(seed: 222);
        startup.Optimize(t => t.SuggestFloat("x", -10, 10), trials: 30);
        var bestSoFar = new List<double?>();

        study.Optimize(
            t =>
            {
                double x = t.SuggestFloat("x", -10, 10);
                return t.Number < 15 ? throw new InvalidOperationException("not yet") : x * x;
            },
            trials: 30,
            catchExceptions: [typeof(InvalidOperationException)],
            callbacks: [(s, _) => bestSoFar.Add(s.GetTrials(TrialState.Complete).Count == 0 ? null : s.BestValue)]);

        var drawn = study.Trials.Select(t => (double)t.Params["x"]!).ToList();
        var random = startup.Trials.Select(t => (double)t.Params["x"]!).ToList();
        Assert.All(study.Trials.Take(15), t => Assert.Equal(TrialState.Fail, t.State));
        Assert.All(study.Trials.Skip(15), t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(random.Take(20), drawn.Take(20));
        Assert.All(Enumerable.Range(20, 10), i => Assert.NotEqual(random[i], drawn[i]));
        Assert.All(bestSoFar.Skip(15), b => Assert.NotNull(b));
        Assert.Equal(study.Trials.Skip(15).Min(t => t.Value), study.BestValue);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public void Optimize_CallbackReadsBestValueBeforeAnyCompletes_IsLoggedAndTheStudyGoesOn()
    {
        var logs = new CapturingLoggerFactory();
        var study = CreateStudy(logs: logs);

        study.Optimize(
            _ => double.NaN,
            trials: 5,
            callbacks: [(s, _) => s.BestValue.ToString(CultureInfo.InvariantCulture)]);

        Assert.Equal(5, study.Trials.Count);
        var failures = logs.Entries.Where(e => e.EventId == HoneEventIds.CallbackFailed).ToList();
        Assert.Equal(5, failures.Count);
        Assert.All(failures, f => Assert.IsType<NoCompletedTrialsException>(f.Exception));
    }

    [Fact]
    public void Best_NoTrialsAtAllOrOnlyToldFailures_ThrowsNoCompletedTrials()
    {
        var study = CreateStudy();

        AssertNoBestTrial(study);
        for (int i = 0; i < 3; i++)
        {
            study.Tell(study.Ask(), TrialState.Fail);
        }

        study.Ask();

        AssertNoBestTrial(study);
    }

    [Fact]
    public void BestTrials_MultiObjectiveAllFailed_IsEmpty()
    {
        var study = CreateMultiObjectiveStudy([StudyDirection.Minimize, StudyDirection.Minimize]);

        study.Optimize(
            (Func<Trial, IReadOnlyList<double>>)(_ => throw new InvalidOperationException("boom")),
            trials: 5,
            catchExceptions: [typeof(InvalidOperationException)]);

        Assert.All(study.Trials, t => Assert.Equal(TrialState.Fail, t.State));
        Assert.Empty(study.BestTrials);
    }

    private static void AssertNoBestTrial(Study study)
    {
        Assert.Throws<NoCompletedTrialsException>(() => study.BestTrial);
        Assert.Throws<NoCompletedTrialsException>(() => study.BestValue);
        Assert.Throws<NoCompletedTrialsException>(() => study.BestParams);
        Assert.Empty(study.BestTrials);
    }
}
