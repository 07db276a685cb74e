using System.CommandLine;
using Hone.Cli.Input;
using Hone.Cli.Output;

namespace Hone.Cli.Commands;

/// <summary>Ask and tell from the command line: a training script in any language asks for a trial's values, runs,
/// reports its progress and tells the result. This part starts trials; the others finish them and queue them.
/// </summary>
internal static partial class AskTellCommands
{
    public static Command Ask()
    {
        var study = GlobalOptions.Study();
        var space = new Option<string?>("--search-space")
        {
            Description = "The parameters to sample, as JSON from names to distributions (or @file.json): "
                + "{\"x\": {\"type\": \"float\", \"low\": -10, \"high\": 10}, \"lr\": {\"type\": \"float\", "
                + "\"low\": 1e-5, \"high\": 0.1, \"log\": true}, \"n\": {\"type\": \"int\", \"low\": 1, "
                + "\"high\": 8}, \"opt\": {\"type\": \"categorical\", \"choices\": [\"sgd\", \"adam\"]}}. "
                + "Optuna's form ({\"name\": \"FloatDistribution\", \"attributes\": {...}}) is read too",
            HelpName = "JSON",
        };
        var directions = NameList.Create(NameList.Directions, "--direction", "--directions");
        directions.Description = "Create the study with these directions (one per objective, by spaces or commas) "
            + "when it does not exist yet; an existing study must have the same";
        var format = GlobalOptions.Format(OutputFormat.Json);
        var command = new Command("ask",
            "Starts a trial and prints its number and sampled parameters (JSON by default), using the sampler "
            + "chosen when the study was created; an enqueued trial is started first. Finish it with 'hone tell'.\n\n"
            + "Example:\n  hone ask --storage sqlite:///hone.db --study quadratic "
            + "--search-space '{\"x\": {\"type\": \"float\", \"low\": -10, \"high\": 10}}'\n"
            + "  {\"number\": 0, \"params\": {\"x\": 3.14}}")
        {
            study, space, directions, format,
        };
        CommandAction.Set(command, context =>
        {
            var distributions = context.Get(space) is { } text ? SearchSpace.Parse(text) : null;
            string name = context.Get(study);
            if (context.Get(directions) is { Length: > 0 } given)
            {
                CreateOrCheck(context, name, given);
            }

            var loaded = context.LoadStudy(name, sampling: true);
            if (distributions is not null)
            {
                // Checked before a trial starts, so that a conflicting space leaves no failed trial behind.
                SearchSpace.CheckAgainst(loaded, distributions);
            }

            // From here on a trial exists: Ctrl+C waits for the step to end and fails the trial, rather than
            // leave it running with a number no one has seen.
            FrozenTrial started;
            using (CommandAction.CriticalStep())
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var trial = loaded.Ask();
                try
                {
                    foreach (var parameter in distributions?.Values ?? [])
                    {
                        parameter.Suggest(trial);
                    }

                    context.Cancellation.ThrowIfCancellationRequested();
                }
                catch (Exception e)
                {
                    Abandon(loaded, trial.Number, e);
                    throw;
                }

                started = new FrozenTrial
                {
                    Number = trial.Number,
                    Params = trial.Params,
                    Distributions = trial.Distributions,
                };
            }

            var parameters = new Record();
            foreach (var (key, value) in started.Params)
            {
                parameters.Add(key, value);
            }

            ResultWriter.WriteOne(context, context.Get(format),
                new Record().Add("number", started.Number).Add("params", parameters),
                $"Trial {started.Number} of '{loaded.Name}'");
            return ExitCodes.Success;
        });
        return command;
    }

    // Creates the study of an ask that gives directions, or checks that the existing one has the same.
    private static void CreateOrCheck(CliContext context, string name, StudyDirection[] directions)
    {
        var storage = context.Storage(mayCreate: true);
        if (storage.FindStudyId(name) is { } id)
        {
            var existing = storage.GetStudyDirections(id);
            if (!existing.SequenceEqual(directions))
            {
                throw new CliException(
                    $"Study '{name}' exists with directions {StudyCommands.Directions(existing)}, but --direction "
                    + $"gives {StudyCommands.Directions(directions)}; leave --direction out to use the study as it "
                    + "is, or choose another name.");
            }

            return;
        }

        var created = Study.Create(new StudyOptions
        {
            Name = name, Storage = storage, Directions = directions, LoadIfExists = true,
        });
        StudySettings.Default.Write(storage, created.StudyId);
    }

    // A trial whose suggestions failed, or that Ctrl+C interrupted, is failed; if even that fails (a storage
    // that stays busy), its number is given, so that it can be told by hand.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types",
        Justification = "The original error is rethrown by the caller; this only adds what to do.")]
    private static void Abandon(Study study, int number, Exception cause)
    {
        string reason = cause is OperationCanceledException ? "interrupted" : CommandAction.Message(cause);
        try
        {
            study.Tell(number, TrialState.Fail);
            CliContext.Messages.WriteLine($"hone: trial {number} was started and then failed ({reason}).");
        }
        catch (Exception e)
        {
            CliContext.Messages.WriteLine(
                $"hone: trial {number} was started but could not be failed ({CommandAction.Message(e)}); once the "
                + $"storage answers, run: hone tell --study '{study.Name}' --trial {number} --state fail");
        }
    }
}
