using System.Text.Json;
using Hone.Cli.Tests.Support;
using Hone.Storages.Sql.Tests.Support;
using Hone.Tests.Support;

namespace Hone.Cli.Tests;

/// <summary>create-study, studies, study-names, study set-user-attr and delete-study, run as a process against
/// SQLite and PostgreSQL.</summary>
public sealed class StudyCommandTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public void StudyLifecycleOnSqlite()
    {
        using var file = new TempSqlite();
        StudyLifecycle(file.Url);
    }

    [ServerFact]
    public void StudyLifecycleOnPostgres() => StudyLifecycle(TestStorage.Postgres(postgres));

    [Fact]
    public void ReadingCommandsRefuseAMissingSqliteFileAndCreateNothing()
    {
        using var file = new TempSqlite();
        string error = HoneTool.RunWithoutStorage("studies", "--storage", file.Url).FailedWith(1);
        Assert.Contains("There is no storage file at " + file.Path, error, StringComparison.Ordinal);
        Assert.False(File.Exists(file.Path));
    }

    [Fact]
    public void DeleteWithoutATerminalOrYesDeletesNothing()
    {
        using var file = new TempSqlite();
        HoneTool.Run(file.Url, null, "create-study", "--study", "keep").Succeeded();
        string error = HoneTool.Run(file.Url, "y\n", "delete-study", "--study", "keep").FailedWith(1);
        Assert.Contains("pass --yes", error, StringComparison.Ordinal);
        Assert.Equal("keep", HoneTool.Run(file.Url, null, "study-names").Succeeded().Output.Trim());
    }

    [Fact]
    public void MultiObjectiveStudyShowsItsDirections()
    {
        using var file = new TempSqlite();
        HoneTool.Run(file.Url, null, "create-study", "--study", "mo", "--directions", "minimize", "maximize")
            .Succeeded();
        // Commas work as well as spaces.
        HoneTool.Run(file.Url, null, "create-study", "--study", "mo2", "--direction", "minimize,maximize").Succeeded();
        using var json = JsonDocument.Parse(HoneTool.Run(file.Url, null, "studies", "-f", "json").Succeeded().Output);
        var studies = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, studies.Count);
        Assert.All(studies, study =>
        {
            Assert.Equal(["minimize", "maximize"],
                study.GetProperty("directions").EnumerateArray().Select(d => d.GetString()));
            Assert.Equal(JsonValueKind.Null, study.GetProperty("best_value").ValueKind);
        });
        string error = HoneTool.Run(file.Url, null, "best-trial", "--study", "mo").FailedWith(1);
        Assert.Contains("best-trials", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesThatAreNotDirectionsOrStatesAreUsageErrors()
    {
        using var file = new TempSqlite();
        foreach (string direction in new[] { "1", "up", "minimize,sideways" })
        {
            string error = HoneTool.Run(file.Url, null, "create-study", "--study", "d", "--direction", direction)
                .FailedWith(2);
            Assert.Contains("is not one of minimize, maximize", error, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(file.Path));
        HoneTool.Run(file.Url, null, "create-study", "--study", "s").Succeeded();
        HoneTool.Run(file.Url, null, "ask", "--study", "s").Succeeded();
        HoneTool.Run(file.Url, null, "ask", "--study", "s").Succeeded();
        HoneTool.Run(file.Url, null, "tell", "--study", "s", "--trial", "0", "--values", "1").Succeeded();
        string both = HoneTool.Run(file.Url, null, "trials", "--study", "s", "--state", "running,complete", "-f", "csv",
            "--columns", "number").Succeeded().Output;
        Assert.Equal("number\n0\n1\n", both);
        HoneTool.Run(file.Url, null, "trials", "--study", "s", "--state", "1").FailedWith(2);
    }

    [Fact]
    public void ValuesStartingWithAnAtSignAreTakenAsTheyAre()
    {
        using var file = new TempSqlite();
        HoneTool.Run(file.Url, null, "create-study", "--study", "@team").Succeeded();
        HoneTool.Run(file.Url, null, "study", "set-user-attr", "--study", "@team", "--key", "owner", "--value",
            "@alice").Succeeded();
        using var storage = Hone.Storages.StorageUrl.Open(file.Url, [new Hone.Storages.Sql.SqlStorageProvider()]);
        Assert.Equal("@alice", Study.Load("@team", storage).UserAttributes["owner"]);
    }

    [Fact]
    public void StorageUpgradeSaysWhatItDidAndRefusesAMissingFile()
    {
        using var file = new TempSqlite();
        string missing = HoneTool.Run(file.Url, null, "storage", "upgrade").FailedWith(1);
        Assert.Contains("There is no storage file", missing, StringComparison.Ordinal);
        Assert.False(File.Exists(file.Path));
        HoneTool.Run(file.Url, null, "create-study", "--study", "s").Succeeded();
        var upgraded = HoneTool.Run(file.Url, null, "storage", "upgrade").Succeeded();
        Assert.Contains("at version 1 already; nothing was changed", upgraded.Errors, StringComparison.Ordinal);
        var journal = HoneTool.Run("journal://" + Path.Combine(file.Folder, "j.log"), null, "storage", "upgrade")
            .Succeeded();
        Assert.Contains("nothing to upgrade", journal.Errors, StringComparison.Ordinal);
    }

    private static void StudyLifecycle(string url)
    {
        string name = TestStorage.UniqueStudy("life");
        var created = HoneTool.Run(url, null, "create-study", "--study", name, "--direction", "maximize",
            "--sampler", "random", "--seed", "7", "--pruner", "median").Succeeded();
        Assert.Equal(name, created.Output.Trim());
        Assert.Contains("sampler random (seed 7), pruner median", created.Errors, StringComparison.Ordinal);

        string again = HoneTool.Run(url, null, "create-study", "--study", name).FailedWith(1);
        Assert.Contains($"A study named '{name}' exists already; pass --load-if-exists", again,
            StringComparison.Ordinal);
        var loaded = HoneTool.Run(url, null, "create-study", "--study", name, "--load-if-exists", "-f", "json")
            .Succeeded();
        using (var json = JsonDocument.Parse(loaded.Output))
        {
            Assert.False(json.RootElement.GetProperty("created").GetBoolean());
            Assert.Equal("maximize", json.RootElement.GetProperty("directions")[0].GetString());
        }

        HoneTool.Run(url, null, "study", "set-user-attr", "--study", name, "--key", "budget", "--value",
            "{\"gpus\": 4, \"note\": \"ünï\"}", "--json").Succeeded();
        HoneTool.Run(url, null, "study", "set-user-attr", "--study", name, "-k", "owner", "-v", "alice").Succeeded();
        using (var storage = Hone.Storages.StorageUrl.Open(url, [new Hone.Storages.Sql.SqlStorageProvider()]))
        {
            var attributes = Study.Load(name, storage).UserAttributes;
            Assert.Equal("alice", attributes["owner"]);
            var budget = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(attributes["budget"]);
            Assert.Equal(4L, budget["gpus"]);
            Assert.Equal("ünï", budget["note"]);
        }

        using (var json = JsonDocument.Parse(HoneTool.Run(url, null, "studies", "--format", "json").Succeeded().Output))
        {
            var study = json.RootElement.EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
            Assert.Equal(0, study.GetProperty("trials").GetInt32());
            Assert.Equal(JsonValueKind.Null, study.GetProperty("best_value").ValueKind);
        }

        HoneTool.Run(url, null, "delete-study", "--study", name, "--yes").Succeeded();
        Assert.DoesNotContain(name, HoneTool.Run(url, null, "study-names").Succeeded().Output,
            StringComparison.Ordinal);
        string missing = HoneTool.Run(url, null, "delete-study", "--study", name, "--yes").FailedWith(1);
        Assert.Contains($"There is no study named '{name}'", missing, StringComparison.Ordinal);
    }
}
