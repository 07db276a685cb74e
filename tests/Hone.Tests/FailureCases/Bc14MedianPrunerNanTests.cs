using Hone.Pruners;
using Hone.Samplers;

namespace Hone.Tests.FailureCases;

/// <summary>BC-14: the median pruner with NaN intermediate values. A trial whose values are all NaN is pruned once
/// there is something to compare with; NaN values of completed trials are left out of the median.</summary>
[Trait("Issue", "BC-14")]
public sealed class Bc14MedianPrunerNanTests
{
    [Fact]
    public void ShouldPrune_FirstTrialReportsNaN_IsNotPruned()
    {
        // (a) No completed trial yet: nothing to compare with.
        var study = CreateStudy();

        Assert.False(ReportAndAsk(study, double.NaN));
    }

    [Fact]
    public void ShouldPrune_NaNAfterCompletedTrialsReportedOne_IsPruned()
    {
        // (b) The trial's only value is NaN, so its best is NaN: pruned.
        var study = CreateStudy();
        Complete(study, 1.0);
        Complete(study, 1.0);

        Assert.True(ReportAndAsk(study, double.NaN));
    }

    [Fact]
    public void ShouldPrune_CompletedTrialsReportedOnlyNaN_IsNotPruned()
    {
        // (c) Every completed value at step 0 is NaN: there is no median, so no judgement.
        var study = CreateStudy();
        Complete(study, double.NaN);
        Complete(study, double.NaN);

        Assert.False(ReportAndAsk(study, 1.0));
    }

    [Theory]
    // (d) Completed values NaN, 1.0, 3.0: the median of {1.0, 3.0} is 2.0. 2.5 is worse (pruned); 2.0 and 1.9 are
    // not.
    [InlineData(2.5, true)]
    [InlineData(2.0, false)]
    [InlineData(1.9, false)]
    public void ShouldPrune_CompletedNaNOneThree_ComparesWithTheMedianOfOneAndThree(double value, bool expected)
    {
        var study = CreateStudy();
        Complete(study, double.NaN);
        Complete(study, 1.0);
        Complete(study, 3.0);

        Assert.Equal(expected, ReportAndAsk(study, value));
    }

    private static Study CreateStudy() => Study.Create(new StudyOptions
    {
        Pruner = new MedianPruner(new PercentilePrunerOptions { StartupTrials = 0, WarmupSteps = 0 }),
        Sampler = new RandomSampler(0),
    });

    /// <summary>Runs a trial through ask and tell that reports <paramref name="intermediate"/> at step 0.</summary>
    private static void Complete(Study study, double intermediate)
    {
        var trial = study.Ask();
        trial.Report(intermediate, 0);
        study.Tell(trial, 1.0);
    }

    private static bool ReportAndAsk(Study study, double value)
    {
        var trial = study.Ask();
        trial.Report(value, 0);
        return trial.ShouldPrune();
    }
}
