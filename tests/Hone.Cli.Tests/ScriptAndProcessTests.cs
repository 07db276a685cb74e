using System.Diagnostics;
using System.Text.Json;
using Hone.Cli.Tests.Support;
using Hone.Storages;
using Hone.Storages.Sql;
using Hone.Storages.Sql.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Hone.Cli.Tests;

/// <summary>The command as users run it: from a bash script, interrupted with Ctrl+C, and installed as a .NET tool.
/// </summary>
public sealed class ScriptAndProcessTests
{
    [Fact]
    public async Task BashScriptDrivesATpeStudyIntoTheRightRegion()
    {
        using var file = new TempSqlite();
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "scripts", "quadratic.sh"));
        start.Environment["HONE"] = $"{HoneTool.DotnetHost()} {HoneTool.Assembly}";
        start.Environment["HONE_STORAGE"] = file.Url;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using (var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
        {
            await process.WaitForExitAsync(patience.Token);
        }

        string printed = await output;
        Assert.True(process.ExitCode == 0, $"The script failed ({process.ExitCode}): {await errors}");

        using var best = JsonDocument.Parse(printed);
        var parameters = best.RootElement.GetProperty("params");
        double x = parameters.GetProperty("x").GetDouble();
        double lr = parameters.GetProperty("lr").GetDouble();
        Assert.Equal("adam", parameters.GetProperty("opt").GetString());
        Assert.InRange(x, 1.0, 3.0);
        Assert.InRange(Math.Log10(lr), -4.0, -2.0);
        Assert.True(best.RootElement.GetProperty("value").GetDouble() < 1.0, printed);

        using var storage = StorageUrl.Open(file.Url, [new SqlStorageProvider()]);
        var trials = Study.Load("quadratic", storage).Trials;
        Assert.Equal(60, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public async Task CtrlCExitsWith130AndLeavesNoTrialRunning()
    {
        using var file = new TempSqlite();
        HoneTool.Run(file.Url, null, "create-study", "--study", "s").Succeeded();
        using var blocker = new SqliteConnection($"Data Source={file.Path}");
        blocker.Open();
        using (var begin = blocker.CreateCommand())
        {
            // Holds the write lock, so that ask waits inside the storage when Ctrl+C arrives.
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }

        using var ask = HoneTool.Start(file.Url, "ask", "--study", "s", "--search-space",
            "{\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}}");
        var output = ask.StandardOutput.ReadToEndAsync();
        var errors = ask.StandardError.ReadToEndAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        string pid = ask.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var kill = Process.Start("kill", ["-INT", pid]))
        {
            kill.WaitForExit();
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500));
        using (var commit = blocker.CreateCommand())
        {
            commit.CommandText = "COMMIT";
            commit.ExecuteNonQuery();
        }

        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await ask.WaitForExitAsync(patience.Token);
        }

        string stderr = await errors;
        Assert.True(ask.ExitCode == 130, $"exit code {ask.ExitCode}; stderr: {stderr}");
        Assert.Equal(string.Empty, await output);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);

        using var storage = StorageUrl.Open(file.Url, [new SqlStorageProvider()]);
        Assert.DoesNotContain(Study.Load("s", storage).Trials, t => t.State == TrialState.Running);
    }

    [Fact]
    public async Task PackagesAsADotnetToolNamedHone()
    {
        string repository = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        string project = Path.Combine(repository, "src", "Hone.Cli", "Hone.Cli.csproj");
        var folder = Directory.CreateTempSubdirectory("hone-tool-");
        try
        {
            await Dotnet(repository, "pack", project, "-c", "Release", "--no-build", "-o", folder.FullName);
            string tools = Path.Combine(folder.FullName, "tools");
            await Dotnet(folder.FullName, "tool", "install", "Hone.Cli", "--tool-path", tools, "--add-source",
                folder.FullName);
            var run = Process.Start(new ProcessStartInfo(Path.Combine(tools, "hone"), "--help")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            string help = await run.StandardOutput.ReadToEndAsync();
            await run.WaitForExitAsync();
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("create-study", help, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task Dotnet(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(HoneTool.DotnetHost())
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using (var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
        {
            await process.WaitForExitAsync(patience.Token);
        }

        Assert.True(process.ExitCode == 0,
            $"dotnet {string.Join(' ', arguments)} failed:\n{await output}\n{await errors}");
    }
}
