using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Hone.Cli.Output;

namespace Hone.Cli.Commands;

internal static partial class AskTellCommands
{
    public static Command Tell()
    {
        var study = GlobalOptions.Study();
        var trial = TrialNumber();
        var values = new Option<double[]>("--values", "--value")
        {
            Description = "The objective values, one per direction; nan fails the trial, inf and -inf are allowed",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = ParseValues,
            HelpName = "VALUE",
        };
        var state = new Option<string?>("--state")
        {
            Description = "complete (the default with --values), pruned or fail",
            HelpName = "complete|pruned|fail",
        };
        state.AcceptOnlyFromAmong("complete", "pruned", "fail");
        var skipIfFinished = new Option<bool>("--skip-if-finished")
        {
            Description = "Succeed without a change when the trial is finished already",
        };
        var format = GlobalOptions.Format();
        var command = new Command("tell",
            "Finishes a trial started by 'hone ask' with its values or a state. A NaN value fails the trial; a "
            + "finished trial cannot be told again.\n\n"
            + "Example:\n  hone tell --storage sqlite:///hone.db --study quadratic --trial 0 --values 1.25\n"
            + "  hone tell --storage sqlite:///hone.db --study quadratic --trial 1 --state pruned")
        {
            study, trial, values, state, skipIfFinished, format,
        };
        CommandAction.Set(command, context =>
        {
            var loaded = context.LoadStudy(context.Get(study));
            int number = context.Get(trial);
            double[] told = context.Get(values) ?? [];
            string? stateName = context.Get(state);
            if (told.Length > 0 && stateName == "fail")
            {
                throw new CliException("--values and --state fail contradict each other: a failed trial has no "
                    + "values. Give one or the other.");
            }

            if (told.Length == 0 && stateName is null or "complete")
            {
                throw new CliException("tell needs the trial's result: --values V (one per direction) or --state "
                    + "pruned|fail.");
            }

            var current = Find(loaded, number);
            string currentState = TrialCommands.StateName(current.State);
            if (current.State.IsFinished())
            {
                if (context.Get(skipIfFinished))
                {
                    CliContext.Messages.WriteLine(
                        $"Trial {number} of study '{loaded.Name}' is finished already ({currentState}); nothing was "
                        + "changed.");
                    return ExitCodes.Success;
                }

                throw new CliException(
                    $"Trial {number} of study '{loaded.Name}' is finished already "
                    + $"({currentState}), and a finished trial cannot be told again; pass "
                    + "--skip-if-finished to let a second tell succeed without a change.");
            }

            // A NaN value is a trial that failed, as in the library; a wrong number of values is a mistake of the
            // caller, refused with the trial left running, so that a corrected tell can follow.
            var finished = stateName switch
            {
                "pruned" => loaded.Tell(number, TrialState.Pruned, told.Length == 0 ? null : told),
                "fail" => loaded.Tell(number, TrialState.Fail),
                _ when told.Any(double.IsNaN) => loaded.Tell(number, told),
                _ => loaded.Tell(number, TrialState.Complete, told),
            };
            if (finished.State == TrialState.Fail && stateName != "fail")
            {
                CliContext.Messages.WriteLine($"Trial {number} failed: "
                    + (finished.SystemAttributes.GetValueOrDefault(Study.FailReasonKey) as string
                        ?? "its values were not valid."));
            }

            if (context.Get(format) == OutputFormat.Table)
            {
                Console.Out.WriteLine(Describe(finished, loaded.Directions.Count));
            }
            else
            {
                ResultWriter.WriteOne(context, context.Get(format), TrialCommands.TrialRecord(
                    finished, loaded.Directions.Count, ["number", "state", "value"]));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Report()
    {
        var study = GlobalOptions.Study();
        var trial = TrialNumber();
        var step = new Option<int>("--step")
        {
            Description = "The step (epoch, iteration, amount of data) the value was measured at",
            Required = true,
        };
        var value = new Option<double>("--value")
        {
            Description = "The intermediate value of the objective at that step",
            Required = true,
            CustomParser = result => ParseValue(result, result.Tokens.Count > 0 ? result.Tokens[^1].Value : ""),
        };
        var format = GlobalOptions.Format();
        var command = new Command("report",
            "Records an intermediate value of a running trial and says whether the study's pruner would stop it "
            + "now: prints 'prune' or 'continue' (or JSON with --format json). The exit code is 0 either way; "
            + "tell a trial that should stop with --state pruned.\n\n"
            + "Example:\n  hone report --storage sqlite:///hone.db --study digits --trial 4 --step 3 --value 0.12")
        {
            study, trial, step, value, format,
        };
        CommandAction.Set(command, context =>
        {
            var loaded = context.LoadStudy(context.Get(study));
            int number = context.Get(trial);
            int at = context.Get(step);
            if (at < 0)
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture,
                    $"--step must be 0 or more, but got {at}."));
            }

            if (loaded.PruningObjective is null)
            {
                throw new CliException($"Study '{loaded.Name}' has {loaded.Directions.Count} objectives and no pruning "
                    + "objective, so its trials cannot report intermediate values.");
            }

            var current = Find(loaded, number);
            if (current.State != TrialState.Running)
            {
                throw new CliException($"Trial {number} of study '{loaded.Name}' is "
                    + $"{TrialCommands.StateName(current.State)}, not running, so it cannot report a value.");
            }

            if (current.IntermediateValues.ContainsKey(at))
            {
                CliContext.Messages.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Trial {number} reported step {at} before; the first value is kept."));
            }
            else
            {
                loaded.Storage.SetTrialIntermediateValue(current.TrialId, at, context.Get(value));
            }

            bool prune = loaded.Pruner.Prune(loaded, loaded.Storage.GetTrial(current.TrialId));
            if (context.Get(format) == OutputFormat.Table)
            {
                Console.Out.WriteLine(prune ? "prune" : "continue");
            }
            else
            {
                ResultWriter.WriteOne(context, context.Get(format),
                    new Record().Add("number", number).Add("step", at).Add("prune", prune));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<int> TrialNumber() => new("--trial")
    {
        Description = "The trial's number, as printed by 'hone ask'",
        Required = true,
        HelpName = "NUMBER",
    };

    // Reads the one trial (and any after it) rather than the whole study, which may hold a great many.
    private static FrozenTrial Find(Study study, int number) =>
        (number >= 0 ? study.Storage.GetTrialsFrom(study.StudyId, number) : [])
            .FirstOrDefault(t => t.Number == number)
        ?? throw new CliException(string.Create(CultureInfo.InvariantCulture,
            $"Study '{study.Name}' has no trial {number}: its trials are numbered 0 to "
            + $"{study.Storage.GetAllTrials(study.StudyId).Count - 1}."));

    private static string Describe(FrozenTrial trial, int objectives)
    {
        string values = trial.Values switch
        {
            null => string.Empty,
            { Count: 1 } v when objectives == 1 => ", value " + ResultWriter.FormatDouble(v[0]),
            var v => ", values " + string.Join(" ", v.Select(ResultWriter.FormatDouble)),
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"Trial {trial.Number}: {TrialCommands.StateName(trial.State)}{values}");
    }

    private static double[] ParseValues(ArgumentResult result) =>
        [.. result.Tokens.Select(t => ParseValue(result, t.Value))];

    private static double ParseValue(ArgumentResult result, string text)
    {
        string trimmed = text.Trim();
        double? value = trimmed.ToLowerInvariant() switch
        {
            "nan" => double.NaN,
            "inf" or "+inf" or "infinity" or "+infinity" => double.PositiveInfinity,
            "-inf" or "-infinity" => double.NegativeInfinity,
            _ => double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null,
        };
        if (value is null)
        {
            result.AddError($"'{text}' is not a number (nan, inf and -inf are accepted too).");
            return 0;
        }

        return value.Value;
    }
}
