using System.Text.Json;
using Hone.Cli.Tests.Support;
using Hone.Storages;
using Hone.Storages.Sql;
using Hone.Storages.Sql.Tests.Support;
using Hone.Tests.Support;

namespace Hone.Cli.Tests;

/// <summary>ask, tell, report and enqueue run as processes, as a script in another language would run them.
/// </summary>
public sealed class AskTellCommandTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>
{
    private const string Space =
        "{\"x\": {\"type\": \"float\", \"low\": -10, \"high\": 10}, "
        + "\"lr\": {\"type\": \"float\", \"low\": 1e-5, \"high\": 0.1, \"log\": true}, "
        + "\"n\": {\"type\": \"int\", \"low\": 1, \"high\": 8, \"step\": 1}, "
        + "\"opt\": {\"type\": \"categorical\", \"choices\": [\"sgd\", 2, 2.5, true, null]}}";

    [Fact]
    public void TellWithNanFailsTheTrialAndASecondTellIsRefusedOnSqlite()
    {
        using var file = new TempSqlite();
        TellWithNan(file.Url);
    }

    [ServerFact]
    public void TellWithNanFailsTheTrialAndASecondTellIsRefusedOnPostgres() =>
        TellWithNan(TestStorage.Postgres(postgres));

    [Fact]
    public void AskReturnsTypedValuesInsideTheSpaceOnSqlite()
    {
        using var file = new TempSqlite();
        AskTyped(file.Url);
    }

    [ServerFact]
    public void AskReturnsTypedValuesInsideTheSpaceOnPostgres() => AskTyped(TestStorage.Postgres(postgres));

    [Fact]
    public void WrongNumberOfValuesIsAnErrorAndTheTrialStaysRunning()
    {
        using var file = new TempSqlite();
        HoneTool.Run(file.Url, null, "create-study", "--study", "s", "--directions", "minimize", "minimize")
            .Succeeded();
        HoneTool.Run(file.Url, null, "ask", "--study", "s").Succeeded();
        string error = HoneTool.Run(file.Url, null, "tell", "--study", "s", "--trial", "0", "--values", "1")
            .FailedWith(1);
        Assert.Contains("2", error, StringComparison.Ordinal);
        Assert.Equal(TrialState.Running, Trials(file.Url, "s").Single().State);
        HoneTool.Run(file.Url, null, "tell", "--study", "s", "--trial", "0", "--values", "1", "-inf").Succeeded();
        var told = Trials(file.Url, "s").Single();
        Assert.Equal(TrialState.Complete, told.State);
        Assert.Equal([1.0, double.NegativeInfinity], told.Values);
    }

    [Fact]
    public void BadSearchSpacesNameTheParameterTheRuleAndTheValueAndStartNoTrial()
    {
        using var file = new TempSqlite();
        HoneTool.Run(file.Url, null, "create-study", "--study", "s").Succeeded();
        (string Space, string[] Expected)[] cases =
        [
            ("{\"x\": {\"type\": \"float\", \"low\": 5, \"high\": 1}}",
                ["parameter 'x'", "'low <= high' must hold", "low=5, high=1"]),
            ("{\"lr\": {\"type\": \"float\", \"low\": 0, \"high\": 1, \"log\": true}}",
                ["parameter 'lr'", "'low > 0' must hold when log=true", "low=0"]),
            ("{\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1, \"step\": 0.1, \"log\": true}}",
                ["parameter 'x'", "'step' and 'log' cannot be used together"]),
            ("{\"n\": {\"type\": \"int\", \"low\": 1, \"high\": 8, \"step\": 0}}",
                ["parameter 'n'", "'step > 0' must hold", "step=0"]),
            ("{\"c\": {\"type\": \"categorical\", \"choices\": []}}",
                ["parameter 'c'", "at least one value"]),
            ("{\"x\": {\"type\": \"float\", \"low\": 0, \"hight\": 1}}",
                ["parameter 'x'", "unknown key \"hight\""]),
            ("{\"x\": {\"type\": \"float\", \"low\": \"a\", \"high\": 1}}",
                ["parameter 'x'", "\"low\" must be a number", "\"a\""]),
            ("{\"x\": {\"type\": \"gauss\"}}", ["parameter 'x'", "float, int or categorical", "gauss"]),
            ("{\"x\": {\"type\": \"float\",\n \"low\": 0 \"high\": 1}}", ["not valid JSON", "line 2"]),
            ("[1, 2]", ["must be a JSON object"]),
        ];
        foreach (var (space, expected) in cases)
        {
            string error = HoneTool.Run(file.Url, null, "ask", "--study", "s", "--search-space", space).FailedWith(1);
            foreach (string part in expected)
            {
                Assert.Contains(part, error, StringComparison.Ordinal);
            }

            Assert.Single(error.Trim().Split('\n'));
        }

        Assert.DoesNotContain(Trials(file.Url, "s"), t => t.State == TrialState.Running);
    }

    [Fact]
    public void ASpaceThatConflictsWithTheStudyStartsNoTrial()
    {
        using var file = new TempSqlite();
        HoneTool.Run(file.Url, null, "ask", "--study", "s", "--direction", "minimize", "--search-space",
            "{\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}}").Succeeded();
        string error = HoneTool.Run(file.Url, null, "ask", "--study", "s", "--search-space",
            "{\"x\": {\"type\": \"int\", \"low\": 0, \"high\": 5}}").FailedWith(1);
        Assert.Contains("parameter 'x': it was a float before, and is an int now", error, StringComparison.Ordinal);
        Assert.Contains("No trial was started", error, StringComparison.Ordinal);
        string direction = HoneTool.Run(file.Url, null, "ask", "--study", "s", "--direction", "maximize").FailedWith(1);
        Assert.Contains("exists with directions minimize, but --direction gives maximize", direction,
            StringComparison.Ordinal);
        Assert.Single(Trials(file.Url, "s"));
    }

    [Fact]
    public void SearchSpaceFromAFileAndTheLibrarysWarningsOnStandardError()
    {
        using var file = new TempSqlite();
        string path = Path.Combine(file.Folder, "space.json");
        File.WriteAllText(path,
            "{\n  \"roi\": {\"type\": \"float\", \"low\": 0, \"high\": 0.4589, \"step\": 0.001}\n}\n");
        var asked = HoneTool.Run(file.Url, null, "ask", "--study", "s", "--direction", "minimize", "--search-space",
            "@" + path, "-f", "csv").Succeeded();
        Assert.StartsWith("number,params_roi\n0,", asked.Output, StringComparison.Ordinal);
        // The step does not divide the range: the library narrows high to 0.458 and warns once.
        Assert.Contains("0.458", asked.Errors, StringComparison.Ordinal);
        Assert.InRange(Trials(file.Url, "s").Single().Params["roi"] as double? ?? -1, 0, 0.458);
    }

    [Fact]
    public void ValuesWithStateFailContradictEachOther()
    {
        using var file = new TempSqlite();
        HoneTool.Run(file.Url, null, "ask", "--study", "s", "--direction", "minimize").Succeeded();
        string error = HoneTool.Run(file.Url, null, "tell", "--study", "s", "--trial", "0", "--values", "1", "--state",
            "fail").FailedWith(1);
        Assert.Contains("contradict", error, StringComparison.Ordinal);
        Assert.Equal(TrialState.Running, Trials(file.Url, "s").Single().State);
    }

    [Fact]
    public void OptunaStyleSearchSpacesAreReadToo()
    {
        using var file = new TempSqlite();
        const string optuna = "{\"x\": {\"name\": \"FloatDistribution\", \"attributes\": {\"low\": 0.0, \"high\": 1.0, "
            + "\"log\": false, \"step\": null}}, \"k\": {\"name\": \"IntDistribution\", \"attributes\": {\"low\": 2, "
            + "\"high\": 4, \"log\": false, \"step\": 2}}, \"c\": {\"name\": \"CategoricalDistribution\", "
            + "\"attributes\": {\"choices\": [\"a\", \"b\"]}}}";
        var asked = HoneTool.Run(file.Url, null, "ask", "--study", "s", "--direction", "minimize", "--search-space",
            optuna).Succeeded();
        using var json = JsonDocument.Parse(asked.Output);
        var parameters = json.RootElement.GetProperty("params");
        Assert.InRange(parameters.GetProperty("x").GetDouble(), 0.0, 1.0);
        Assert.Contains(parameters.GetProperty("k").GetInt64(), new long[] { 2, 4 });
        Assert.Contains(parameters.GetProperty("c").GetString(), new[] { "a", "b" });
    }

    [Fact]
    public void EnqueuedValuesAreAskedFirstAndReportAsksThePruner()
    {
        using var file = new TempSqlite();
        HoneTool.Run(file.Url, null, "create-study", "--study", "s", "--pruner", "median").Succeeded();
        HoneTool.Run(file.Url, null, "enqueue", "--study", "s", "--params", "{\"x\": 0.25}").Succeeded();
        using (var json = JsonDocument.Parse(HoneTool.Run(file.Url, null, "ask", "--study", "s", "--search-space",
            "{\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}}").Succeeded().Output))
        {
            Assert.Equal(0.25, json.RootElement.GetProperty("params").GetProperty("x").GetDouble());
        }

        // Six trials that reach 1.0 at step 0 make the median pruner stop a seventh that reports 5.0 there.
        for (int i = 0; i < 6; i++)
        {
            if (i > 0)
            {
                HoneTool.Run(file.Url, null, "ask", "--study", "s").Succeeded();
            }

            Assert.Equal("continue", HoneTool.Run(file.Url, null, "report", "--study", "s", "--trial", $"{i}",
                "--step", "0", "--value", "1.0").Succeeded().Output.Trim());
            HoneTool.Run(file.Url, null, "tell", "--study", "s", "--trial", $"{i}", "--values", "1.0").Succeeded();
        }

        HoneTool.Run(file.Url, null, "ask", "--study", "s").Succeeded();
        using (var json = JsonDocument.Parse(HoneTool.Run(file.Url, null, "report", "--study", "s", "--trial", "6",
            "--step", "0", "--value", "5.0", "-f", "json").Succeeded().Output))
        {
            Assert.True(json.RootElement.GetProperty("prune").GetBoolean());
        }

        HoneTool.Run(file.Url, null, "tell", "--study", "s", "--trial", "6", "--state", "pruned").Succeeded();
        var trials = Trials(file.Url, "s");
        Assert.Equal(TrialState.Pruned, trials[6].State);
        Assert.Equal(5.0, trials[6].IntermediateValues[0]);
        string finished = HoneTool.Run(file.Url, null, "report", "--study", "s", "--trial", "6", "--step", "1",
            "--value", "1").FailedWith(1);
        Assert.Contains("not running", finished, StringComparison.Ordinal);
    }

    [Fact]
    public void SeededAsksDrawNewValuesEachTimeAndRepeatWithTheSameHistory()
    {
        using var first = new TempSqlite();
        using var second = new TempSqlite();
        var runs = new List<string>[] { [], [] };
        foreach (var (url, run) in new[] { (first.Url, runs[0]), (second.Url, runs[1]) })
        {
            HoneTool.Run(url, null, "create-study", "--study", "s", "--sampler", "random", "--seed", "3").Succeeded();
            for (int i = 0; i < 3; i++)
            {
                run.Add(HoneTool.Run(url, null, "ask", "--study", "s", "--search-space",
                    "{\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}}", "-f", "csv").Succeeded().Output);
            }
        }

        Assert.Equal(runs[0], runs[1]);
        Assert.Equal(3, runs[0].Distinct().Count());
    }

    private static void TellWithNan(string url)
    {
        string name = TestStorage.UniqueStudy("nan");
        HoneTool.Run(url, null, "create-study", "--study", name).Succeeded();
        HoneTool.Run(url, null, "ask", "--study", name).Succeeded();
        var told = HoneTool.Run(url, null, "tell", "--study", name, "--trial", "0", "--values", "nan").Succeeded();
        Assert.Contains("Trial 0 failed", told.Errors, StringComparison.Ordinal);
        Assert.Contains("NaN", told.Errors, StringComparison.Ordinal);
        Assert.Equal(TrialState.Fail, Trials(url, name).Single().State);

        string again = HoneTool.Run(url, null, "tell", "--study", name, "--trial", "0", "--values", "1").FailedWith(1);
        Assert.Contains("finished already (fail)", again, StringComparison.Ordinal);
        HoneTool.Run(url, null, "tell", "--study", name, "--trial", "0", "--values", "1", "--skip-if-finished")
            .Succeeded();
        Assert.Equal(TrialState.Fail, Trials(url, name).Single().State);
        string missing = HoneTool.Run(url, null, "tell", "--study", name, "--trial", "5", "--values", "1")
            .FailedWith(1);
        Assert.Contains("has no trial 5", missing, StringComparison.Ordinal);
    }

    private static void AskTyped(string url)
    {
        string name = TestStorage.UniqueStudy("typed");
        HoneTool.Run(url, null, "create-study", "--study", name, "--sampler", "random", "--seed", "11").Succeeded();
        var seen = new HashSet<string>();
        for (int i = 0; i < 12; i++)
        {
            using var json = JsonDocument.Parse(
                HoneTool.Run(url, null, "ask", "--study", name, "--search-space", Space).Succeeded().Output);
            Assert.Equal(i, json.RootElement.GetProperty("number").GetInt32());
            var parameters = json.RootElement.GetProperty("params");
            Assert.InRange(parameters.GetProperty("x").GetDouble(), -10, 10);
            Assert.InRange(parameters.GetProperty("lr").GetDouble(), 1e-5, 0.1);
            var n = parameters.GetProperty("n");
            Assert.DoesNotContain('.', n.GetRawText());
            Assert.InRange(n.GetInt64(), 1, 8);
            var opt = parameters.GetProperty("opt");
            seen.Add(opt.GetRawText());
            Assert.Contains(opt.GetRawText(), new[] { "\"sgd\"", "2", "2.5", "true", "null" });
        }

        // The storage hands the same types back: an integer choice stays an integer, 2.5 a double.
        var stored = Trials(url, name);
        Assert.All(stored, t => Assert.IsType<long>(t.Params["n"]));
        Assert.All(stored.Where(t => t.Params["opt"] is not (null or string or bool)),
            t => Assert.True(t.Params["opt"] is 2L or 2.5));
        Assert.True(seen.Count >= 3, $"12 random draws over 5 choices gave only {string.Join(", ", seen)}.");
    }

    private static IReadOnlyList<FrozenTrial> Trials(string url, string study)
    {
        using var storage = StorageUrl.Open(url, [new SqlStorageProvider()]);
        return Study.Load(study, storage).Trials;
    }
}
