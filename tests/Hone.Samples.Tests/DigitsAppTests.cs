using System.Globalization;
using System.Text.RegularExpressions;
using Hone.Samples.Digits;
using Spectre.Console;

namespace Hone.Samples.Tests;

public sealed class DigitsAppTests
{
    [Fact]
    public void Run_SmallStudy_PrintsBestTrialHistogramAndTime()
    {
        var (console, output) = NewConsole();
        var settings = new DigitsSettings
        {
            Trials = 6,
            Epochs = 2,
            MaxSamples = 400,
            DataPath = TestData.DigitsPath,
            Storage = DigitsSettings.InMemoryStorage,
            Seed = 3,
        };

        var exitCode = new DigitsApp(console, TimeProvider.System).Run(settings);

        var text = output.ToString();
        Assert.Equal(0, exitCode);
        Assert.Contains("Split: 320 rows to train on, 80 to validate on", text, StringComparison.Ordinal);
        Assert.Matches(@"Trials: 6 \(\d complete, \d pruned, 0 failed\)", text);
        Assert.Matches(@"Epochs trained: \d+ of the 12 that 6 unpruned trials would train \(\d+%\)", text);
        Assert.Contains("Best trial: #", text, StringComparison.Ordinal);
        Assert.Contains("n_layers over all trials:", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^[1-4]\|\s*\d+ \(\d+\.\d\d%\)\s+\|+$", text);
        Assert.Matches(@"Replayed best trial with FixedTrial: validation error \d+\.\d\d%", text);
        Assert.Matches(@"Elapsed: \d+\.\d s", text);
    }

    [Fact]
    public void Run_WithoutPruner_EveryTrialTrainsEveryEpoch()
    {
        var (console, output) = NewConsole();
        var settings = new DigitsSettings
        {
            Trials = 4,
            Epochs = 2,
            MaxSamples = 300,
            DataPath = TestData.DigitsPath,
            Storage = DigitsSettings.InMemoryStorage,
            Pruner = "none",
        };

        new DigitsApp(console, TimeProvider.System).Run(settings);

        var text = output.ToString();
        Assert.Contains("Trials: 4 (4 complete, 0 pruned, 0 failed)", text, StringComparison.Ordinal);
        Assert.Contains("Epochs trained: 8 of the 8 that 4 unpruned trials would train (100%)", text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WithAsha_PrunesTrialsAndTrainsFewerEpochs()
    {
        var (console, output) = NewConsole();
        var settings = new DigitsSettings
        {
            Trials = 12,
            Epochs = 6,
            MaxSamples = 300,
            DataPath = TestData.DigitsPath,
            Storage = DigitsSettings.InMemoryStorage,
            Pruner = "asha",
            Jobs = 1,
        };

        new DigitsApp(console, TimeProvider.System).Run(settings);

        var match = Regex.Match(output.ToString(), @"Trials: 12 \(\d+ complete, (\d+) pruned, 0 failed\)\s+"
            + @"Epochs trained: (\d+) of the 72");
        Assert.True(match.Success, output.ToString());
        Assert.True(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) > 0);
        Assert.True(int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) < 72);
    }

    [Fact]
    public void Run_ReplayedBestTrial_MatchesItsValue()
    {
        var (console, output) = NewConsole();
        var settings = new DigitsSettings
        {
            Trials = 3,
            Epochs = 1,
            MaxSamples = 300,
            DataPath = TestData.DigitsPath,
            Storage = DigitsSettings.InMemoryStorage,
        };

        new DigitsApp(console, TimeProvider.System).Run(settings);

        var text = output.ToString();
        var best = Regex.Match(text, @"Best trial: #\d+, validation error (\d+\.\d\d%)").Groups[1].Value;
        Assert.NotEmpty(best);
        Assert.Contains(
            $"Replayed best trial with FixedTrial: validation error {best}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingData_ReturnsOneWithMessage()
    {
        var (console, output) = NewConsole();

        var exitCode = new DigitsApp(console, TimeProvider.System).Run(
            new DigitsSettings { DataPath = "/nope", Storage = DigitsSettings.InMemoryStorage });

        Assert.Equal(1, exitCode);
        Assert.Contains("Could not read the data", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Cancelled_ReportsAndReturns130()
    {
        var (console, output) = NewConsole();
        var settings = new DigitsSettings
        {
            Trials = 3,
            Epochs = 1,
            MaxSamples = 300,
            DataPath = TestData.DigitsPath,
            Storage = DigitsSettings.InMemoryStorage,
        };

        var exitCode = new DigitsApp(console, TimeProvider.System).Run(settings, new CancellationToken(true));

        Assert.Equal(130, exitCode);
        Assert.Contains("Cancelled.", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Replayed", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TwiceOnOneSqliteFile_ContinuesTheStudy()
    {
        var folder = Directory.CreateTempSubdirectory("hone-digits-");
        try
        {
            var settings = new DigitsSettings
            {
                Trials = 2,
                Epochs = 1,
                MaxSamples = 300,
                DataPath = TestData.DigitsPath,
                Storage = "sqlite:///" + Path.Combine(folder.FullName, "hone.db"),
            };
            var (firstConsole, first) = NewConsole();
            var (secondConsole, second) = NewConsole();

            Assert.Equal(0, new DigitsApp(firstConsole, TimeProvider.System).Run(settings));
            Assert.Equal(0, new DigitsApp(secondConsole, TimeProvider.System).Run(settings));

            Assert.Contains("New study digits-mlp in sqlite:///", first.ToString(), StringComparison.Ordinal);
            Assert.Matches(@"Trials: 2 \(", first.ToString());
            Assert.Contains("Continuing study digits-mlp in sqlite:///", second.ToString(), StringComparison.Ordinal);
            // The console wraps long lines at 80 columns.
            Assert.Contains("it already holds 2 trials.", Regex.Replace(second.ToString(), @"\s+", " "),
                StringComparison.Ordinal);
            Assert.Matches(@"Trials: 4 \(", second.ToString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("sqlite://hone.db", "SQLite URLs have no host")]
    [InlineData("redis://localhost", "'redis:'")]
    public void Run_BadStorage_ReturnsOneWithMessage(string storage, string reason)
    {
        var (console, output) = NewConsole();
        var settings = new DigitsSettings { Trials = 1, MaxSamples = 300, DataPath = TestData.DigitsPath };
        settings = settings with { Storage = storage };

        var exitCode = new DigitsApp(console, TimeProvider.System).Run(settings);

        string text = Regex.Replace(output.ToString(), @"\s+", " ");
        Assert.Equal(1, exitCode);
        Assert.Contains("Could not open the storage given by --storage:", text, StringComparison.Ordinal);
        Assert.Contains(reason, text, StringComparison.Ordinal);
    }

    private static (IAnsiConsole Console, StringWriter Output) NewConsole()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        return (console, output);
    }
}
