using Hone.Samples.Digits;

namespace Hone.Samples.Tests;

public sealed class DigitsCommandTests
{
    [Fact]
    public void Parse_NoArguments_UsesSettingsDefaults()
    {
        var settings = Run([]);

        Assert.Equal(new DigitsSettings(), settings);
        Assert.Equal(100, settings!.Trials);
        Assert.Equal("sqlite:///hone.db", settings.Storage);
    }

    [Fact]
    public void Parse_EveryFlag_ReachesSettings()
    {
        var settings = Run(
        [
            "--trials", "7", "--epochs", "3", "--batch-size", "8", "--seed", "42", "--data", "x.csv",
            "--max-samples", "500", "--storage", "sqlite:///hone.db", "--jobs", "1", "--pruner", "asha",
        ]);

        Assert.Equal(
            new DigitsSettings
            {
                Trials = 7,
                Epochs = 3,
                BatchSize = 8,
                Seed = 42,
                DataPath = "x.csv",
                MaxSamples = 500,
                Storage = "sqlite:///hone.db",
                Jobs = 1,
                Pruner = "asha",
            },
            settings);
    }

    [Fact]
    public void Help_Seed_SaysOnlyOneJobRepeatsARunExactly()
    {
        var command = DigitsCommand.Create((_, _) => 0);

        var seed = command.Options.Single(o => o.Name == "--seed");

        Assert.Equal(2, new DigitsSettings().Jobs);
        Assert.Contains("only --jobs 1 repeats a run exactly", seed.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--trials", "0")]
    [InlineData("--jobs", "-1")]
    [InlineData("--max-samples", "1")]
    [InlineData("--epochs", "many")]
    [InlineData("--pruner", "sometimes")]
    public void Parse_InvalidValue_ReportsErrorWithoutRunning(string flag, string value)
    {
        var ran = false;
        var command = DigitsCommand.Create((_, _) =>
        {
            ran = true;
            return 0;
        });

        var result = command.Parse([flag, value]);

        Assert.NotEmpty(result.Errors);
        Assert.NotEqual(0, result.Invoke(new() { Output = TextWriter.Null, Error = TextWriter.Null }));
        Assert.False(ran);
    }

    private static DigitsSettings? Run(string[] args)
    {
        DigitsSettings? seen = null;
        var command = DigitsCommand.Create((settings, _) =>
        {
            seen = settings;
            return 0;
        });

        var exitCode = command.Parse(args).Invoke();

        Assert.Equal(0, exitCode);
        return seen;
    }
}
