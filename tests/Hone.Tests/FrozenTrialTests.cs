using System.Collections.Immutable;
using Hone.Distributions;
using Hone.Samplers;

namespace Hone.Tests;

public sealed class FrozenTrialTests
{
    [Fact]
    public void Init_CallerChangesItsCollectionsAfterwards_SnapshotKeepsWhatItWasGiven()
    {
        var parameters = new Dictionary<string, object?> { ["x"] = 0.5 };
        double[] values = [1.0];
        var distributions = new Dictionary<string, Distribution> { ["x"] = new FloatDistribution(0, 1) };
        var intermediate = new Dictionary<int, double> { [0] = 2.0 };
        var user = new Dictionary<string, object?> { ["u"] = "a" };
        var system = new Dictionary<string, object?> { ["s"] = "b" };
        var trial = new FrozenTrial
        {
            State = TrialState.Complete,
            Values = values,
            Params = parameters,
            Distributions = distributions,
            IntermediateValues = intermediate,
            UserAttributes = user,
            SystemAttributes = system,
        };

        parameters["x"] = 0.9;
        parameters["y"] = 1.0;
        values[0] = 3.0;
        distributions["x"] = new FloatDistribution(0, 2);
        intermediate[1] = 4.0;
        user["u"] = "changed";
        system.Clear();

        Assert.Equal(0.5, Assert.Single(trial.Params).Value);
        Assert.Equal([1.0], trial.Values);
        Assert.Equal(new FloatDistribution(0, 1), trial.Distributions["x"]);
        Assert.Equal(2.0, Assert.Single(trial.IntermediateValues).Value);
        Assert.Equal("a", trial.UserAttributes["u"]);
        Assert.Equal("b", trial.SystemAttributes["s"]);
    }

    [Fact]
    public void With_CallerChangesItsCollectionsAfterwards_SnapshotKeepsWhatItWasGiven()
    {
        var parameters = new Dictionary<string, object?> { ["x"] = 0.5 };
        var values = new List<double> { 1.0 };

        var trial = new FrozenTrial() with { Params = parameters, Values = values };
        parameters["x"] = 0.9;
        values.Add(2.0);

        Assert.Equal(0.5, trial.Params["x"]);
        Assert.Equal([1.0], trial.Values);
    }

    [Fact]
    public void Init_Collections_CannotBeChangedThroughTheSnapshot()
    {
        var trial = new FrozenTrial
        {
            Values = [1.0],
            Params = new Dictionary<string, object?> { ["x"] = 0.5 },
        };

        Assert.Throws<NotSupportedException>(() => ((IList<double>)trial.Values!)[0] = 2.0);
        Assert.Throws<NotSupportedException>(() => ((IDictionary<string, object?>)trial.Params)["x"] = 0.9);
    }

    [Fact]
    public void Init_Dictionary_KeepsItsOrderAndComparer()
    {
        var parameters = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["zeta"] = 1L,
            ["alpha"] = 2L,
        };

        var trial = new FrozenTrial { Params = parameters };

        Assert.Equal(["zeta", "alpha"], trial.Params.Keys);
        Assert.Equal(2L, trial.Params["ALPHA"]);
    }

    [Fact]
    public void Init_Null_ThrowsNamingTheProperty()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new FrozenTrial { Params = null! });

        Assert.Equal("Params", error.ParamName);
    }

    /// <summary>Storage builds a snapshot on every read of a trial: collections that are immutable already (its own
    /// and the BCL's) are shared, not copied again.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Init_CollectionsOfAStorageSnapshot_AreSharedNotCopied(bool finished)
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(0) });
        var trial = study.Ask();
        trial.SuggestFloat("x", 0, 1);
        trial.Report(0.5, 0);
        trial.SetUserAttribute("u", "a");
        if (finished)
        {
            study.Tell(trial, 1.0);
        }

        var snapshot = study.Trials[0];
        var rebuilt = new FrozenTrial
        {
            Values = snapshot.Values,
            Params = snapshot.Params,
            Distributions = snapshot.Distributions,
            IntermediateValues = snapshot.IntermediateValues,
            UserAttributes = snapshot.UserAttributes,
            SystemAttributes = snapshot.SystemAttributes,
        };

        Assert.Same(snapshot.Values, rebuilt.Values);
        Assert.Same(snapshot.Params, rebuilt.Params);
        Assert.Same(snapshot.Distributions, rebuilt.Distributions);
        Assert.Same(snapshot.IntermediateValues, rebuilt.IntermediateValues);
        Assert.Same(snapshot.UserAttributes, rebuilt.UserAttributes);
        Assert.Same(snapshot.SystemAttributes, rebuilt.SystemAttributes);
    }

    [Fact]
    public void Init_ImmutableCollections_AreSharedNotCopied()
    {
        IReadOnlyList<double> values = ImmutableArray.Create(1.0, 2.0);
        IReadOnlyDictionary<string, object?> parameters = ImmutableDictionary<string, object?>.Empty.Add("x", 0.5);

        var trial = new FrozenTrial { Values = values, Params = parameters };

        Assert.Same(values, trial.Values);
        Assert.Same(parameters, trial.Params);
    }
}
