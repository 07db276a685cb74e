using Hone.Distributions;
using Hone.Samplers.Tpe;

namespace Hone.Tests.Samplers.Tpe;

public sealed class ObservationTableTests
{
    private static readonly FloatDistribution X = new(0, 10);
    private static readonly CategoricalDistribution C = new(["a", "b"]);

    private static FrozenTrial Finished(int number, double? x, string? c = null)
    {
        var values = new Dictionary<string, object?>();
        var distributions = new Dictionary<string, Distribution>();
        if (x is { } xv)
        {
            values["x"] = xv;
            distributions["x"] = X;
        }

        if (c is not null)
        {
            values["c"] = c;
            distributions["c"] = C;
        }

        return new FrozenTrial
        {
            Number = number,
            TrialId = 100 + number,
            State = TrialState.Complete,
            Values = [0],
            Params = values,
            Distributions = distributions,
        };
    }

    [Fact]
    public void Observe_StoredTrials_ValuesInGivenOrderAndIndicesInValueOrderTiesByArrival()
    {
        FrozenTrial[] trials = [Finished(0, 5), Finished(1, 2), Finished(2, 5), Finished(3, 1), Finished(4, 9)];
        var table = new ObservationTable();
        table.Update(trials);

        var observed = table.Observe([trials[4], trials[0], trials[2], trials[1]], ["x"], [X]);

        Assert.Equal(4, observed.Count);
        Assert.Equal([9.0, 5, 5, 2], observed.Values[0]);
        Assert.Equal([3, 1, 2, 0], observed.Orders[0]!);
    }

    [Fact]
    public void Observe_TrialMissingAParameter_IsLeftOutOfTheGroup()
    {
        FrozenTrial[] trials = [Finished(0, 3, "a"), Finished(1, 4), Finished(2, 1, "b")];
        var table = new ObservationTable();
        table.Update(trials);

        var observed = table.Observe(trials, ["c", "x"], [C, X]);

        Assert.Equal(2, observed.Count);
        Assert.Equal([0.0, 1], observed.Values[0]);
        Assert.Equal([3.0, 1], observed.Values[1]);
        Assert.Null(observed.Orders[0]);
        Assert.Equal([1, 0], observed.Orders[1]!);
    }

    [Fact]
    public void Observe_RunningTrials_AreMergedIntoTheValueOrder()
    {
        FrozenTrial[] finished = [Finished(0, 2), Finished(1, 8)];
        var table = new ObservationTable();
        table.Update(finished);
        var running = Finished(2, 5) with { State = TrialState.Running, Values = null };
        var early = Finished(3, 0.5) with { State = TrialState.Running, Values = null };

        var observed = table.Observe([.. finished, running, early], ["x"], [X]);

        Assert.Equal([2.0, 8, 5, 0.5], observed.Values[0]);
        Assert.Equal([3, 0, 2, 1], observed.Orders[0]!);
    }

    [Fact]
    public void Observe_RunningTrialBeforeItsSuggestions_UsesItsStoredJointDraw()
    {
        var running = Finished(0, null) with
        {
            State = TrialState.Running,
            Values = null,
            SystemAttributes = new Dictionary<string, object?>
            {
                [ObservationTable.RelativeParamsKey] = new Dictionary<string, object?> { ["x"] = 7.5, ["c"] = 1L },
            },
        };

        var observed = new ObservationTable().Observe([running], ["c", "x"], [C, X]);

        Assert.Equal(1, observed.Count);
        Assert.Equal(1.0, observed.Values[0][0]);
        Assert.Equal(7.5, observed.Values[1][0]);
    }

    [Fact]
    public void Update_SameTrialTwice_IsStoredOnce()
    {
        FrozenTrial[] trials = [Finished(0, 4), Finished(1, 6)];
        var table = new ObservationTable();

        table.Update(trials);
        table.Update(trials);

        var observed = table.Observe(trials, ["x"], [X]);
        Assert.Equal([4.0, 6], observed.Values[0]);
        Assert.Equal([0, 1], observed.Orders[0]!);
    }
}
