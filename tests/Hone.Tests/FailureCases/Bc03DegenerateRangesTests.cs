using Hone.Distributions;
using Hone.Storages;
using Hone.Tests.Support;
using static Hone.Tests.FailureCases.FailureCaseHelpers;

namespace Hone.Tests.FailureCases;

/// <summary>BC-03: a range with a single admissible value (low == high, or a step that leaves only low) always
/// yields that value, raises nothing, and round-trips through storage bit for bit.</summary>
[Trait("Issue", "BC-03")]
public sealed class Bc03DegenerateRangesTests
{
    // NOTE(hone): the CMA-ES, NSGA-II and QMC samplers arrive with later issues; extend this test then.
    // NOTE(hone): the SQLite and journal storages arrive with issue 5; extend the round trip then.
    /// <summary>30 trials; the TPE samplers leave their 5 startup trials and draw the other 25 from their model.
    /// </summary>
    [Theory]
    [InlineData("random")]
    [InlineData("tpe")]
    [InlineData("tpe-independent")]
    public void Suggest_DegenerateRanges_AlwaysReturnTheOnlyValueAndSurviveReload(string sampler)
    {
        var logs = new CapturingLoggerFactory();
        var storage = new InMemoryStorage();
        var study = CreateStudy(
            logs: logs, storage: storage, name: "bc03", sampler: SamplerNamed(sampler, seed: 21, tpeStartupTrials: 5));
        var returned = new List<(double X, double Y, int Z, int W, double U)>();

        study.Optimize(t =>
        {
            double x = t.SuggestFloat("x", 1.0, 1.0);
            double y = t.SuggestFloat("y", 2.0, 2.0, log: true);
            int z = t.SuggestInt("z", 5, 5);
            int w = t.SuggestInt("w", 1, 3, step: 3);
            double u = t.SuggestFloat("u", 0, 1);
            returned.Add((x, y, z, w, u));
            return u;
        }, trials: 30);

        Assert.Equal(30, returned.Count);
        Assert.All(returned, r =>
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(1.0), BitConverter.DoubleToInt64Bits(r.X));
            Assert.Equal(BitConverter.DoubleToInt64Bits(2.0), BitConverter.DoubleToInt64Bits(r.Y));
            Assert.Equal(5, r.Z);
            Assert.Equal(1, r.W);
            Assert.InRange(r.U, 0, 1);
        });
        var reloaded = Study.Load("bc03", storage).Trials;
        Assert.Equal(30, reloaded.Count);
        Assert.All(reloaded, t =>
        {
            Assert.Equal(TrialState.Complete, t.State);
            Assert.Equal(BitConverter.DoubleToInt64Bits(1.0), BitConverter.DoubleToInt64Bits((double)t.Params["x"]!));
            Assert.Equal(BitConverter.DoubleToInt64Bits(2.0), BitConverter.DoubleToInt64Bits((double)t.Params["y"]!));
            Assert.Equal(5L, Assert.IsType<long>(t.Params["z"]));
            Assert.Equal(1L, Assert.IsType<long>(t.Params["w"]));
            Assert.Equal(returned[t.Number].U, (double)t.Params["u"]!);
            Assert.True(t.Distributions["x"].IsSingle);
            Assert.True(t.Distributions["y"].IsSingle);
            Assert.True(t.Distributions["z"].IsSingle);
            Assert.True(t.Distributions["w"].IsSingle);
            Assert.False(t.Distributions["u"].IsSingle);
        });
        Assert.DoesNotContain(logs.Entries, e => e.Exception is not null);
    }

    [Theory]
    [InlineData(-3.25, -3.25, null, false, -3.25)]
    [InlineData(0.0, 0.0, null, false, 0.0)]
    [InlineData(1e-300, 1e-300, null, true, 1e-300)]
    [InlineData(1e300, 1e300, null, true, 1e300)]
    [InlineData(0.1, 0.1, null, true, 0.1)]
    [InlineData(0.5, 0.7, 0.5, false, 0.5)]
    [InlineData(1.0, 1.0, 0.1, false, 1.0)]
    [InlineData(-0.3, -0.2, 0.25, false, -0.3)]
    [InlineData(0.022943223880069138, 0.0239, 0.001, false, 0.022943223880069138)]
    public void SuggestFloat_SingleAdmissibleValue_ReturnsItBitExactOnEveryTrial(
        double low, double high, double? step, bool log, double only)
    {
        foreach (var sampler in new[] { "random", "tpe" })
        {
            var study = CreateStudy(sampler: SamplerNamed(sampler, seed: 22, tpeStartupTrials: 5));
            var returned = new List<double>();

            study.Optimize(t =>
            {
                returned.Add(t.SuggestFloat("p", low, high, step: step, log: log));
                return t.SuggestFloat("u", 0, 1);
            }, trials: 30);

            long expectedBits = BitConverter.DoubleToInt64Bits(only);
            Assert.All(returned, v => Assert.Equal(expectedBits, BitConverter.DoubleToInt64Bits(v)));
            Assert.All(study.Trials, t =>
            {
                Assert.Equal(TrialState.Complete, t.State);
                Assert.Equal(expectedBits, BitConverter.DoubleToInt64Bits((double)t.Params["p"]!));
                Assert.True(t.Distributions["p"].IsSingle);
            });
        }
    }

    [Theory]
    [InlineData(5L, 5L, 1L, false, 5L)]
    [InlineData(1L, 3L, 3L, false, 1L)]
    [InlineData(3L, 4L, 5L, false, 3L)]
    [InlineData(-1L, -1L, 1L, false, -1L)]
    [InlineData(-10L, -2L, 10L, false, -10L)]
    [InlineData(7L, 7L, 1L, true, 7L)]
    [InlineData(int.MaxValue, int.MaxValue, 1L, false, int.MaxValue)]
    [InlineData(int.MinValue, int.MinValue, 1L, false, int.MinValue)]
    [InlineData(0L, 0L, 1L, false, 0L)]
    [InlineData(900_000_000L, 1_000_000_000L, 200_000_000L, false, 900_000_000L)]
    public void SuggestInt_SingleAdmissibleValue_ReturnsItOnEveryTrial(
        long low, long high, long step, bool log, long only)
    {
        foreach (var sampler in new[] { "random", "tpe" })
        {
            var study = CreateStudy(sampler: SamplerNamed(sampler, seed: 23, tpeStartupTrials: 5));
            var returned = new List<long>();

            study.Optimize(t =>
            {
                returned.Add(t.SuggestLong("p", low, high, step: step, log: log));
                if (low >= int.MinValue && high <= int.MaxValue)
                {
                    returned.Add(t.SuggestInt("p32", (int)low, (int)high, step: (int)step, log: log));
                }

                return t.SuggestFloat("u", 0, 1);
            }, trials: 30);

            Assert.All(returned, v => Assert.Equal(only, v));
            Assert.All(study.Trials, t =>
            {
                Assert.Equal(TrialState.Complete, t.State);
                Assert.Equal(only, Assert.IsType<long>(t.Params["p"]));
                Assert.True(t.Distributions["p"].IsSingle);
            });
        }
    }

    [Fact]
    public void SuggestCategorical_SingleChoice_ReturnsItOnEveryTrial()
    {
        var study = CreateStudy(seed: 24);
        var returned = new List<(string S, object? N, bool B)>();

        study.Optimize(t =>
        {
            returned.Add((t.SuggestCategorical("s", "only"), t.SuggestCategorical<object?>("n", [null]),
                t.SuggestCategorical("b", false)));
            return 0.0;
        }, trials: 30);

        Assert.All(returned, r => Assert.Equal(("only", (object?)null, false), r));
        Assert.All(study.Trials, t =>
        {
            Assert.Equal("only", t.Params["s"]);
            Assert.True(t.Params.ContainsKey("n"));
            Assert.Null(t.Params["n"]);
            Assert.False(Assert.IsType<bool>(t.Params["b"]));
        });
    }

    [Theory]
    [InlineData("random")]
    [InlineData("tpe")]
    public void AskTell_DegenerateRanges_WorkWithFixedDistributionsToo(string sampler)
    {
        var study = CreateStudy(sampler: SamplerNamed(sampler, seed: 25, tpeStartupTrials: 5));
        var fixedDistributions = new Dictionary<string, Distribution>
        {
            ["x"] = new FloatDistribution(1.0, 1.0),
            ["y"] = new FloatDistribution(2.0, 2.0, log: true),
            ["z"] = new IntDistribution(5, 5),
            ["w"] = new IntDistribution(1, 3, step: 3),
            ["u"] = new FloatDistribution(0, 1),
        };

        for (int i = 0; i < 30; i++)
        {
            var trial = study.Ask(fixedDistributions);
            Assert.Equal(1.0, trial.Params["x"]);
            Assert.Equal(2.0, trial.Params["y"]);
            Assert.Equal(5L, trial.Params["z"]);
            Assert.Equal(1L, trial.Params["w"]);
            study.Tell(trial, (double)trial.Params["u"]!);
        }

        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }
}
