using System.Globalization;
using System.Text.Json;
using Hone.Cli.Tests.Support;
using Hone.Storages;
using Hone.Storages.Sql;
using Hone.Storages.Sql.Tests.Support;

namespace Hone.Cli.Tests;

/// <summary>What the command prints: tables, strictly valid JSON, CSV, histograms, and one-line errors.</summary>
public sealed class OutputAndErrorTests
{
    [Fact]
    public void JsonIsStrictAndKeepsNonFiniteValuesAsStrings()
    {
        using var file = new TempSqlite();
        Seed(file.Url, "s", [1.5, double.PositiveInfinity, double.NaN, -2.0]);
        string output = HoneTool.Run(file.Url, null, "trials", "--study", "s", "-f", "json",
            "--columns", "number,state,value,params,intermediate_values").Succeeded().Output;
        using var json = JsonDocument.Parse(output);
        var trials = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(4, trials.Count);
        Assert.Equal(1.5, trials[0].GetProperty("value").GetDouble());
        Assert.Equal("Infinity", trials[1].GetProperty("value").GetString());
        Assert.Equal("fail", trials[2].GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, trials[2].GetProperty("value").ValueKind);
        Assert.Equal("NaN", trials[0].GetProperty("intermediate_values").GetProperty("1").GetString());
        Assert.Equal("2.0", trials[0].GetProperty("params").GetProperty("x").GetRawText());
        Assert.Equal("3", trials[0].GetProperty("params").GetProperty("k").GetRawText());
        Assert.False(trials[0].TryGetProperty("started", out _));
    }

    [Fact]
    public void CsvHasAHeaderAndOneRowPerTrialAndFiltersByState()
    {
        using var file = new TempSqlite();
        Seed(file.Url, "s", [1.5, double.PositiveInfinity, double.NaN, -2.0]);
        string output = HoneTool.Run(file.Url, null, "trials", "--study", "s", "-f", "csv", "--state", "complete",
            "--columns", "number,value,params").Succeeded().Output;
        var lines = output.TrimEnd().Split("\n");
        Assert.Equal("number,value,params_x,params_k,params_c", lines[0]);
        Assert.Equal(["0,1.5,2.0,3,\"a,b\"", "1,Infinity,2.0,3,\"a,b\"", "3,-2.0,2.0,3,\"a,b\""], lines[1..]);
    }

    [Fact]
    public void ColumnsComeInTheOrderGivenAndEmptyListingsPrintNothing()
    {
        using var file = new TempSqlite();
        Seed(file.Url, "s", [1.5]);
        string csv = HoneTool.Run(file.Url, null, "trials", "--study", "s", "-f", "csv", "--columns",
            "value,number").Succeeded().Output;
        Assert.Equal("value,number\n1.5,0\n", csv);
        HoneTool.Run(file.Url, null, "create-study", "--study", "empty").Succeeded();
        Assert.Equal(string.Empty,
            HoneTool.Run(file.Url, null, "trials", "--study", "empty", "-f", "csv").Succeeded().Output);
        Assert.Equal("[]", HoneTool.Run(file.Url, null, "trials", "--study", "empty", "-f", "json").Succeeded()
            .Output.Trim());
    }

    [Fact]
    public void TablesAreForPeopleAndBestTrialPicksTheBest()
    {
        using var file = new TempSqlite();
        Seed(file.Url, "s", [1.5, 0.5, double.NaN, 3.0]);
        string table = HoneTool.Run(file.Url, null, "trials", "--study", "s").Succeeded().Output;
        Assert.Contains("params_x", table, StringComparison.Ordinal);
        Assert.Contains("complete", table, StringComparison.Ordinal);
        using var best = JsonDocument.Parse(
            HoneTool.Run(file.Url, null, "best-trial", "--study", "s", "-f", "json").Succeeded().Output);
        Assert.Equal(1, best.RootElement.GetProperty("number").GetInt32());
        Assert.Equal(0.5, best.RootElement.GetProperty("value").GetDouble());
    }

    [Fact]
    public void HistogramCountsCategoricalValuesAndBinsFloats()
    {
        using var file = new TempSqlite();
        using (var storage = StorageUrl.Open(file.Url, [new SqlStorageProvider()]))
        {
            var study = Study.Create(new StudyOptions
            {
                Name = "h", Storage = storage, Sampler = new Hone.Samplers.RandomSampler(5),
            });
            study.Optimize(t =>
            {
                int layers = t.SuggestInt("n_layers", 1, 4);
                return t.SuggestFloat("lr", 1e-4, 1, log: true) + layers;
            }, trials: 40);
        }

        string text = HoneTool.Run(file.Url, null, "histogram", "--study", "h", "--param", "n_layers").Succeeded()
            .Output;
        var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Equal(4, rows.Length);
        int total = rows.Sum(r => int.Parse(r.Split('|')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0],
            CultureInfo.InvariantCulture));
        Assert.Equal(40, total);
        Assert.StartsWith("1|", rows[0], StringComparison.Ordinal);
        Assert.Contains("%)", rows[0], StringComparison.Ordinal);

        using var bins = JsonDocument.Parse(HoneTool.Run(file.Url, null, "histogram", "--study", "h", "--param", "lr",
            "--bins", "5", "-f", "json").Succeeded().Output);
        var binRows = bins.RootElement.EnumerateArray().ToList();
        Assert.Equal(5, binRows.Count);
        Assert.Equal(40, binRows.Sum(r => r.GetProperty("count").GetInt32()));
        // Log-spaced bins: each is the same factor wider than the one before.
        double ratio0 = binRows[0].GetProperty("high").GetDouble() / binRows[0].GetProperty("low").GetDouble();
        double ratio2 = binRows[2].GetProperty("high").GetDouble() / binRows[2].GetProperty("low").GetDouble();
        Assert.Equal(ratio0, ratio2, 6);

        string error = HoneTool.Run(file.Url, null, "histogram", "--study", "h", "--param", "layers").FailedWith(1);
        Assert.Contains("its parameters are lr, n_layers", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorsAreOneLineWithoutAStackTraceUnlessVerbose()
    {
        using var file = new TempSqlite();
        string noStorage = HoneTool.RunWithoutStorage("studies").FailedWith(1);
        Assert.Equal("hone: No storage given: pass --storage URL (for example --storage sqlite:///hone.db) or set "
            + "HONE_STORAGE.", noStorage.Trim());

        HoneTool.Run(file.Url, null, "create-study", "--study", "known").Succeeded();
        string unknown = HoneTool.Run(file.Url, null, "trials", "--study", "unknwon").FailedWith(1);
        Assert.Equal("hone: There is no study named 'unknwon': the storage holds 'known'.", unknown.Trim());

        var verbose = HoneTool.Run(file.Url, null, "trials", "--study", "unknwon", "--verbose");
        Assert.Equal(1, verbose.ExitCode);
        Assert.Contains("CliException", verbose.Errors, StringComparison.Ordinal);
        Assert.Contains("   at ", verbose.Errors, StringComparison.Ordinal);

        string badScheme = HoneTool.RunWithoutStorage("studies", "--storage", "sqlit:///x.db").FailedWith(1);
        Assert.Contains("sqlit", badScheme, StringComparison.Ordinal);
    }

    [Fact]
    public void UsageErrorsExitWithTwoAndPointToHelp()
    {
        string missing = HoneTool.RunWithoutStorage("trials", "--storage", "sqlite:///x.db").FailedWith(2);
        Assert.Contains("--study", missing, StringComparison.Ordinal);
        Assert.Contains("hone trials --help", missing, StringComparison.Ordinal);
        string badFormat = HoneTool.RunWithoutStorage("studies", "--format", "xml").FailedWith(2);
        Assert.Contains("xml", badFormat, StringComparison.Ordinal);
        string badValue = HoneTool.RunWithoutStorage("tell", "--study", "s", "--trial", "0", "--values", "one")
            .FailedWith(2);
        Assert.Contains("'one' is not a number", badValue, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCommandHasHelpWithAnExample()
    {
        string[][] commands =
        [
            ["studies"], ["study-names"], ["create-study"], ["delete-study"], ["study", "set-user-attr"], ["trials"],
            ["best-trial"], ["best-trials"], ["ask"], ["tell"], ["report"], ["enqueue"], ["export"], ["import"],
            ["copy-study"], ["histogram"], ["storage", "upgrade"],
        ];
        foreach (string[] command in commands)
        {
            var help = HoneTool.RunWithoutStorage([.. command, "--help"]).Succeeded();
            Assert.Contains("Example:", help.Output, StringComparison.Ordinal);
            Assert.Contains("hone " + string.Join(' ', command), help.Output, StringComparison.Ordinal);
            Assert.Contains(
                "Usage:\n  hone " + string.Join(' ', command) + " [options]", help.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Hone.Cli", help.Output, StringComparison.Ordinal);
        }

        // The program is called hone in its help, as installed, not by its assembly's name.
        var root = HoneTool.RunWithoutStorage("--help").Succeeded();
        Assert.Contains("Usage:\n  hone [command] [options]", root.Output, StringComparison.Ordinal);
        Assert.Matches(@"^\d+\.\d+\.\d+", HoneTool.RunWithoutStorage("--version").Succeeded().Output);
    }

    // Four trials over x (float), k (int) and c (categorical), with the given values (NaN: a failed trial).
    private static void Seed(string url, string name, double[] values)
    {
        using var storage = StorageUrl.Open(url, [new SqlStorageProvider()]);
        var study = Study.Create(new StudyOptions { Name = name, Storage = storage });
        foreach (double value in values)
        {
            var trial = study.Ask();
            trial.SuggestFloat("x", 2.0, 2.0);
            trial.SuggestInt("k", 3, 3);
            trial.SuggestCategorical("c", "a,b");
            trial.Report(double.NaN, 1);
            study.Tell(trial, value);
        }
    }
}
