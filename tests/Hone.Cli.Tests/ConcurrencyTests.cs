using System.Text.Json;
using Hone.Cli.Tests.Support;
using Hone.Storages;
using Hone.Storages.Sql;
using Hone.Storages.Sql.Tests.Support;

namespace Hone.Cli.Tests;

/// <summary>BC-29 through the command line: several processes ask and tell on one SQLite file while another reads it
/// with <c>hone trials</c> again and again; no one sees "database is locked".</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task WritersAndAReaderShareOneSqliteFile()
    {
        using var file = new TempSqlite();
        HoneTool.Run(file.Url, null, "create-study", "--study", "s", "--sampler", "random").Succeeded();
        const int Writers = 4;
        const int TrialsEach = 4;
        using var done = new CancellationTokenSource();
        var reads = Task.Run(() =>
        {
            var results = new List<ToolResult>();
            while (!done.IsCancellationRequested)
            {
                results.Add(HoneTool.Run(file.Url, null, "trials", "--study", "s", "-f", "json"));
                Thread.Sleep(100);
            }

            return results;
        });
        var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < TrialsEach; i++)
            {
                var asked = HoneTool.Run(file.Url, null, "ask", "--study", "s", "--search-space",
                    "{\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}}").Succeeded();
                using var json = JsonDocument.Parse(asked.Output);
                int number = json.RootElement.GetProperty("number").GetInt32();
                double x = json.RootElement.GetProperty("params").GetProperty("x").GetDouble();
                HoneTool.Run(file.Url, null, "tell", "--study", "s", "--trial", $"{number}", "--values",
                    x.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Succeeded();
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await done.CancelAsync();
        var readResults = await reads;

        Assert.NotEmpty(readResults);
        Assert.All(readResults, r =>
        {
            r.Succeeded();
            using var _ = JsonDocument.Parse(r.Output.Length == 0 ? "[]" : r.Output);
            Assert.DoesNotContain("locked", r.Errors, StringComparison.OrdinalIgnoreCase);
        });
        using var storage = StorageUrl.Open(file.Url, [new SqlStorageProvider()]);
        var trials = Study.Load("s", storage).Trials;
        Assert.Equal(Enumerable.Range(0, Writers * TrialsEach), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
    }
}
