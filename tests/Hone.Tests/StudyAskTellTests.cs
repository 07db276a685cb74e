using Hone.Distributions;
using Hone.Tests.Support;

namespace Hone.Tests;

public sealed class StudyAskTellTests
{
    [Fact]
    public void AskTell_CompletesTrial()
    {
        var study = Study.Create();
        var trial = study.Ask();
        double x = trial.SuggestFloat("x", 0, 1);

        var told = study.Tell(trial, x * x);

        Assert.Equal(TrialState.Complete, told.State);
        Assert.Equal(x * x, told.Value);
        Assert.Equal(x, told.Params["x"]);
    }

    [Fact]
    public void Ask_WithFixedDistributions_SuggestsThemAtOnce()
    {
        var study = Study.Create();

        var trial = study.Ask(new Dictionary<string, Distribution>
        {
            ["x"] = new FloatDistribution(0, 1),
            ["c"] = new CategoricalDistribution(["a", "b"]),
        });

        Assert.Equal(["x", "c"], trial.Params.Keys);
    }

    [Fact]
    public void Tell_Twice_ThrowsFinishedTrialUpdate()
    {
        var study = Study.Create();
        var trial = study.Ask();
        study.Tell(trial, 1);

        var error = Assert.Throws<FinishedTrialUpdateException>(() => study.Tell(trial, 2));

        Assert.Contains("already finished", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, study.Trials[0].Value);
    }

    [Fact]
    public void Tell_CompleteWithWrongCount_ThrowsAndTrialStaysRunning()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Maximize] });
        var trial = study.Ask();

        Assert.Throws<ArgumentException>(() => study.Tell(trial, TrialState.Complete, [1, 2, 3]));
        Assert.Equal(TrialState.Running, study.Trials[0].State);
        var told = study.Tell(trial, TrialState.Complete, [1, 2]);

        Assert.Equal(TrialState.Complete, told.State);
    }

    [Fact]
    public void Tell_InvalidValuesWithoutState_FailsTrialWithWarning()
    {
        var logs = new CapturingLoggerFactory();
        var study = Study.Create(new StudyOptions { LoggerFactory = logs });

        var nan = study.Tell(study.Ask(), double.NaN);
        var count = study.Tell(study.Ask(), [1.0, 2.0]);

        Assert.Equal(TrialState.Fail, nan.State);
        Assert.Equal(TrialState.Fail, count.State);
        Assert.Equal(2, logs.Warnings.Count(w => w.EventId == HoneEventIds.TrialFailed));
        Assert.DoesNotContain(study.Trials, t => t.State == TrialState.Complete);
    }

    [Fact]
    public void Tell_PrunedOrFailWithValues_Throws()
    {
        var study = Study.Create();
        var trial = study.Ask();

        Assert.Throws<ArgumentException>(() => study.Tell(trial, TrialState.Pruned, [1.0]));
        Assert.Throws<ArgumentException>(() => study.Tell(trial, TrialState.Running));
        Assert.Equal(TrialState.Fail, study.Tell(trial, TrialState.Fail).State);
    }

    [Fact]
    public void Tell_ByNumber_FinishesThatTrial()
    {
        var study = Study.Create();
        study.Ask();
        study.Ask();

        var told = study.Tell(1, [0.5]);

        Assert.Equal(1, told.Number);
        Assert.Throws<ArgumentException>(() => study.Tell(7, [0.5]));
    }

    [Fact]
    public void Tell_TrialOfAnotherStudy_Throws()
    {
        var other = Study.Create().Ask();

        Assert.Throws<ArgumentException>(() => Study.Create().Tell(other, 1));
        var fixedTrial = new FixedTrial(new Dictionary<string, object?>());
        Assert.Throws<ArgumentException>(() => Study.Create().Tell(fixedTrial, 1));
    }
}
