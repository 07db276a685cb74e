using Hone.Cli.Tests.Support;
using Hone.Storages;
using Hone.Storages.Sql;
using Hone.Storages.Sql.Tests.Support;
using Hone.Tests.Support;

namespace Hone.Cli.Tests;

/// <summary>export, import and copy-study through the command, on SQLite and PostgreSQL.</summary>
public sealed class TransferCommandTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly TempSqlite _source = new();
    private readonly TempSqlite _target = new();

    public void Dispose()
    {
        _source.Dispose();
        _target.Dispose();
    }

    [Fact]
    public void ExportImportExportIsByteIdenticalOnSqlite() => RoundTrip(_target.Url);

    [ServerFact]
    public void ExportImportExportIsByteIdenticalThroughPostgres() => RoundTrip(TestStorage.Postgres(postgres));

    [Fact]
    public void MalformedOrTruncatedDocumentsNameTheLineAndFieldAndWriteNothing()
    {
        Seed(_source.Url, "mixed");
        string exported = Path.Combine(_source.Folder, "mixed.json");
        HoneTool.Run(_source.Url, null, "export", "--study", "mixed", "--output", exported).Succeeded();
        string text = File.ReadAllText(exported);
        HoneTool.Run(_target.Url, null, "create-study", "--study", "existing").Succeeded();

        string truncatedPath = Path.Combine(_source.Folder, "truncated.json");
        File.WriteAllText(truncatedPath, text[..(text.Length / 2)]);
        string truncated = HoneTool.Run(_target.Url, null, "import", "--input", truncatedPath).FailedWith(1);
        Assert.Contains("line", truncated, StringComparison.OrdinalIgnoreCase);

        // A value that its distribution cannot hold (text for a float), on a line of its own in the indented
        // document. (A number outside the range is accepted: an enqueued trial may hold one.)
        int at = text.IndexOf("\"x\": ", StringComparison.Ordinal);
        int end = text.IndexOfAny([',', '\n'], at);
        string broken = text[..at] + "\"x\": \"abc\"" + text[end..];
        string brokenPath = Path.Combine(_source.Folder, "broken.json");
        File.WriteAllText(brokenPath, broken);
        int line = text[..at].Count(c => c == '\n') + 1;
        string outside = HoneTool.Run(_target.Url, null, "import", "--input", brokenPath).FailedWith(1);
        Assert.Contains($"line {line}", outside, StringComparison.Ordinal);
        Assert.Contains(".params.x", outside, StringComparison.Ordinal);

        string missing = HoneTool.Run(_target.Url, null, "import", "--input", Path.Combine(_source.Folder, "no.json"))
            .FailedWith(1);
        Assert.Contains("no.json", missing, StringComparison.Ordinal);

        Assert.Equal("existing", HoneTool.Run(_target.Url, null, "study-names").Succeeded().Output.Trim());
    }

    [Fact]
    public void CopyStudyCopiesIntoAnotherStorageAndRefusesAnExistingName()
    {
        Seed(_source.Url, "mixed");
        HoneTool.Run(_source.Url, null, "copy-study", "--study", "mixed", "--to", _target.Url).Succeeded();
        string first = HoneTool.Run(_source.Url, null, "export", "--study", "mixed").Succeeded().Output;
        string copy = HoneTool.Run(_target.Url, null, "export", "--study", "mixed").Succeeded().Output;
        Assert.Equal(first, copy);
        string again = HoneTool.Run(_source.Url, null, "copy-study", "--study", "mixed", "--to", _target.Url)
            .FailedWith(1);
        Assert.Contains("mixed", again, StringComparison.Ordinal);
        HoneTool.Run(_source.Url, null, "copy-study", "--study", "mixed", "--to", _target.Url, "--to-study", "twin")
            .Succeeded();
        Assert.Equal(["mixed", "twin"],
            HoneTool.Run(_target.Url, null, "study-names").Succeeded().Output
                .Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private void RoundTrip(string target)
    {
        string name = TestStorage.UniqueStudy("round");
        Seed(_source.Url, name);
        string first = Path.Combine(_source.Folder, "first.json");
        HoneTool.Run(_source.Url, null, "export", "--study", name, "--output", first).Succeeded();
        HoneTool.Run(target, null, "import", "--input", first).Succeeded();
        string second = HoneTool.Run(target, null, "export", "--study", name).Succeeded().Output;
        Assert.Equal(File.ReadAllText(first), second);

        // And back again, through standard input, under another name.
        HoneTool.Run(_source.Url, second, "import", "--input", "-", "--study", name + "-back").Succeeded();
        string back = HoneTool.Run(_source.Url, null, "export", "--study", name + "-back").Succeeded().Output;
        Assert.Equal(second.Replace(name, name + "-back", StringComparison.Ordinal), back);
    }

    // A study with every kind of parameter, non-finite values, attributes and trials in every finished state.
    private static void Seed(string url, string name)
    {
        using var storage = StorageUrl.Open(url, [new SqlStorageProvider()]);
        var study = Study.Create(new StudyOptions
        {
            Name = name, Storage = storage, Sampler = new Hone.Samplers.RandomSampler(1),
        });
        study.SetUserAttribute("note", "ünïcode ✓");
        study.SetUserAttribute("budget", new Dictionary<string, object?> { ["gpus"] = 4L, ["scale"] = 0.5 });
        for (int i = 0; i < 6; i++)
        {
            var trial = study.Ask();
            trial.SuggestFloat("x", -1, 1);
            trial.SuggestFloat("lr", 1e-5, 1, log: true);
            trial.SuggestInt("n", 1, 9, step: 2);
            trial.SuggestCategorical<object?>("c", "a", 2L, 2.5, true, null);
            trial.Report(i == 1 ? double.NaN : 1.0 / (i + 1), 0);
            trial.SetUserAttribute("i", i);
            _ = (i % 3) switch
            {
                0 => study.Tell(trial, i == 3 ? double.NegativeInfinity : i),
                1 => study.Tell(trial, TrialState.Pruned),
                _ => study.Tell(trial, TrialState.Fail),
            };
        }

        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.5 });
    }
}
