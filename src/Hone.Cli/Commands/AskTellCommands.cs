using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Hone.Cli.Input;
using Hone.Cli.Output;
using Hone.Distributions;

namespace Hone.Cli.Commands;

/// <summary>Ask and tell from the command line: a training script in any language asks for a trial's values, runs,
/// reports its progress and tells the result.</summary>
internal static class AskTellCommands
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
        var directions = NameList.Create("--direction", "--directions", NameList.Directions);
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

            var loaded = context.LoadStudy(name);
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
                    foreach (var (key, distribution) in distributions ?? new Dictionary<string, Distribution>())
                    {
                        SearchSpace.Suggest(trial, key, distribution);
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
            if (current.State.IsFinished())
            {
                if (context.Get(skipIfFinished))
                {
                    CliContext.Messages.WriteLine(
                        $"Trial {number} of study '{loaded.Name}' is finished already ({TrialCommands.StateName(current.State)}); "
                        + "nothing was changed.");
                    return ExitCodes.Success;
                }

                throw new CliException(
                    $"Trial {number} of study '{loaded.Name}' is finished already "
                    + $"({TrialCommands.StateName(current.State)}), and a finished trial cannot be told again; pass "
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

    public static Command Enqueue()
    {
        var study = GlobalOptions.Study();
        var parameters = new Option<string>("--params")
        {
            Description = "The values to try, as a JSON object from parameter names to values",
            Required = true,
            HelpName = "JSON",
        };
        var userAttributes = new Option<string?>("--user-attrs")
        {
            Description = "User attributes for the trial, as a JSON object",
            HelpName = "JSON",
        };
        var skipIfExists = new Option<bool>("--skip-if-exists")
        {
            Description = "Do nothing when a trial with the same values exists or waits already",
        };
        var command = new Command("enqueue",
            "Queues parameter values for the next trial that 'hone ask' (or any worker) starts; parameters not "
            + "given are sampled as usual.\n\n"
            + "Example:\n  hone enqueue --storage sqlite:///hone.db --study quadratic --params '{\"x\": 0.5, \"opt\": "
            + "\"adam\"}'")
        {
            study, parameters, userAttributes, skipIfExists,
        };
        CommandAction.Set(command, context =>
        {
            var loaded = context.LoadStudy(context.Get(study));
            var values = ObjectOf(context.Get(parameters), "--params");
            var attributes = context.Get(userAttributes) is { } text ? ObjectOf(text, "--user-attrs") : null;
            bool queued = loaded.EnqueueTrial(values, attributes, context.Get(skipIfExists));
            CliContext.Messages.WriteLine(queued
                ? $"Queued a trial of study '{loaded.Name}'."
                : $"A trial with these values exists already in study '{loaded.Name}'; nothing was queued.");
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

    private static Dictionary<string, object?> ObjectOf(string text, string what)
    {
        using var document = JsonValues.Parse(text, what);
        return JsonValues.ToValue(document.RootElement) as Dictionary<string, object?>
            ?? throw new CliException($"{what} must be a JSON object, such as {{\"x\": 0.5}}.");
    }

    private static Option<int> TrialNumber() => new("--trial")
    {
        Description = "The trial's number, as printed by 'hone ask'",
        Required = true,
        HelpName = "NUMBER",
    };

    private static FrozenTrial Find(Study study, int number)
    {
        var trials = study.Trials;
        return number >= 0 && number < trials.Count && trials[number].Number == number
            ? trials[number]
            : trials.FirstOrDefault(t => t.Number == number) ?? throw new CliException(string.Create(
                CultureInfo.InvariantCulture,
                $"Study '{study.Name}' has no trial {number}: its trials are numbered 0 to {trials.Count - 1}."));
    }

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
