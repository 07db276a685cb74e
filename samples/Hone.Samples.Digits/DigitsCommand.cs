using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Hone.Samples.Digits;

/// <summary>Declares the sample's command line and turns a parse result into <see cref="DigitsSettings"/>.</summary>
internal static class DigitsCommand
{
    public static RootCommand Create(Func<DigitsSettings, CancellationToken, int> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var defaults = new DigitsSettings();
        var trials = Positive("--trials", "Number of trials to run", defaults.Trials);
        var epochs = Positive("--epochs", "Training epochs per trial", defaults.Epochs);
        var batchSize = Positive("--batch-size", "Mini-batch size", defaults.BatchSize);
        var jobs = Positive("--jobs", "Trials run at once, each on its own thread", defaults.Jobs);
        var seed = new Option<int>("--seed")
        {
            // With several jobs, thread timing decides which trial gets which sampled values (see Jobs).
            Description = string.Create(CultureInfo.InvariantCulture,
                $"Seed for the sampler, the data split and the weights; only --jobs 1 repeats a run exactly "
                + $"(the default is {defaults.Jobs} jobs)"),
            DefaultValueFactory = _ => defaults.Seed,
        };
        var data = new Option<string?>("--data")
        {
            Description = "CSV file, IDX images file, or folder with train-images-idx3-ubyte(.gz) and " +
                "train-labels-idx1-ubyte(.gz) [default: " + Data.DatasetLoader.DefaultRelativePath + "]",
        };
        var maxSamples = new Option<int?>("--max-samples")
        {
            Description = "Read at most this many rows (the first ones)",
            CustomParser = result => ParseAtLeast(result, 2),
        };
        var sampler = new Option<string>("--sampler")
        {
            Description = "How values are chosen: tpe (Hone's default) or random",
            DefaultValueFactory = _ => defaults.Sampler,
        };
        sampler.AcceptOnlyFromAmong("tpe", "random");
        var pruner = new Option<string>("--pruner")
        {
            Description = "How hopeless trials are stopped early: hyperband (the default), asha (successive "
                + "halving), median, or none",
            DefaultValueFactory = _ => defaults.Pruner,
        };
        pruner.AcceptOnlyFromAmong(DigitsPruners.Names);
        var storage = new Option<string>("--storage")
        {
            Description = "Where trials are kept: a storage URL such as sqlite:///hone.db (relative to the working "
                + "directory; sqlite:////abs/path.db for an absolute path), postgresql://user:pass@host/db, "
                + "mysql://user:pass@host/db or journal:///abs/path.log, or \"memory\" to keep nothing. Running "
                + "again on the same storage continues the study",
            DefaultValueFactory = _ => defaults.Storage,
        };

        var command = new RootCommand("Tunes a small neural network on handwritten digits with Hone.")
        {
            trials, epochs, batchSize, seed, data, maxSamples, sampler, pruner, storage, jobs,
        };
        // The study runs on a pool thread so that the action is a task still running when Ctrl+C arrives: then
        // System.CommandLine cancels the token and waits for the running trials to end and the report to print.
        command.SetAction((result, cancellationToken) =>
        {
            var settings = new DigitsSettings
            {
                Trials = result.GetValue(trials),
                Epochs = result.GetValue(epochs),
                BatchSize = result.GetValue(batchSize),
                Seed = result.GetValue(seed),
                DataPath = result.GetValue(data),
                MaxSamples = result.GetValue(maxSamples),
                Sampler = result.GetValue(sampler) ?? defaults.Sampler,
                Pruner = result.GetValue(pruner) ?? defaults.Pruner,
                Storage = result.GetValue(storage) ?? defaults.Storage,
                Jobs = result.GetValue(jobs),
            };
            return Task.Run(() => run(settings, cancellationToken), CancellationToken.None);
        });
        return command;
    }

    private static Option<int> Positive(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseAtLeast(result, 1),
    };

    /// <summary>Parses an integer and checks its lower bound in one place, so a bad value gets one clear error.
    /// </summary>
    private static int ParseAtLeast(ArgumentResult result, int minimum)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (!int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"'{token}' is not a whole number.");
        }
        else if (value < minimum)
        {
            result.AddError($"'{token}' is too small: the smallest allowed value is {minimum}.");
        }

        return value;
    }
}
