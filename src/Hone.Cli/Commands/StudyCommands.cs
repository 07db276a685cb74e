using System.CommandLine;
using System.Globalization;
using Hone.Cli.Input;
using Hone.Cli.Output;
using Hone.Storages;

namespace Hone.Cli.Commands;

/// <summary>The commands that list, create, delete and annotate studies.</summary>
internal static class StudyCommands
{
    public static Command Studies()
    {
        var format = GlobalOptions.Format();
        var command = new Command("studies",
            "Lists the studies of a storage: directions, trial counts and best values.\n\n"
            + "Example:\n  hone studies --storage sqlite:///hone.db")
        {
            format,
        };
        CommandAction.Set(command, context =>
        {
            var studies = context.Storage().GetAllStudies().OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
            if (studies.Count == 0 && context.Get(format) == OutputFormat.Table)
            {
                CliContext.Messages.WriteLine("The storage holds no study.");
                return ExitCodes.Success;
            }

            ResultWriter.WriteList(context, context.Get(format), [.. studies.Select(StudyRecord)]);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command StudyNames()
    {
        var format = GlobalOptions.Format();
        var command = new Command("study-names",
            "Prints the name of every study in a storage, one per line.\n\n"
            + "Example:\n  hone study-names --storage sqlite:///hone.db")
        {
            format,
        };
        CommandAction.Set(command, context =>
        {
            var names = context.Storage().GetAllStudies().Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
            if (context.Get(format) == OutputFormat.Table)
            {
                foreach (string name in names)
                {
                    Console.Out.WriteLine(name);
                }
            }
            else
            {
                ResultWriter.WriteList(context, context.Get(format),
                    [.. names.Select(n => new Record().Add("name", n))]);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateStudy()
    {
        var study = new Option<string?>("--study")
        {
            Description = "The study's name [default: a unique name such as no-name-…]",
            HelpName = "NAME",
        };
        var directions = NameList.Create(NameList.Directions, "--direction", "--directions");
        directions.Description = "minimize or maximize, one per objective (separated by spaces or commas) for a "
            + "multi-objective study [default: minimize; with --load-if-exists, the existing study's]";
        var sampler = new Option<string>("--sampler")
        {
            Description = "How ask chooses values: tpe or random",
            DefaultValueFactory = _ => StudySettings.Default.Sampler,
        };
        sampler.AcceptOnlyFromAmong(StudySettings.SamplerNames);
        var seed = new Option<int?>("--seed")
        {
            Description = "A seed for the sampler: the same seed and history give the same values",
        };
        var pruner = new Option<string>("--pruner")
        {
            Description = "How report decides to stop a trial early: none, median, asha, hyperband or wilcoxon",
            DefaultValueFactory = _ => StudySettings.Default.Pruner,
        };
        pruner.AcceptOnlyFromAmong(StudySettings.PrunerNames);
        var loadIfExists = new Option<bool>("--load-if-exists")
        {
            Description = "Succeed, changing nothing, when the study exists already",
        };
        var format = GlobalOptions.Format();
        var command = new Command("create-study",
            "Creates a study and prints its name. The sampler and pruner are kept with the study, so that every "
            + "later ask and report uses them.\n\n"
            + "Example:\n  hone create-study --storage sqlite:///hone.db --study quadratic --direction minimize "
            + "--sampler tpe --seed 1")
        {
            study, directions, sampler, seed, pruner, loadIfExists, format,
        };
        CommandAction.Set(command, context =>
        {
            var storage = context.Storage(mayCreate: true);
            string? name = context.Get(study);
            bool existed = name is not null && storage.FindStudyId(name) is not null;
            if (existed && !context.Get(loadIfExists))
            {
                throw new CliException(
                    $"A study named '{name}' exists already; pass --load-if-exists to use it, or choose another name.");
            }

            var settings = new StudySettings(context.Get(sampler), context.Get(seed), context.Get(pruner));
            var given = context.Get(directions) is { Length: > 0 } d ? d : null;
            // With --load-if-exists and no --direction, an existing study is taken whatever its directions.
            var created = existed && given is null
                ? Hone.Study.Load(name!, storage)
                : Hone.Study.Create(new StudyOptions
                {
                    Name = name, Storage = storage, Directions = given, LoadIfExists = context.Get(loadIfExists),
                });
            if (!existed)
            {
                settings.Write(storage, created.StudyId);
                CliContext.Messages.WriteLine(
                    $"Created study '{created.Name}' ({Directions(created.Directions)}; {settings}).");
            }
            else
            {
                CliContext.Messages.WriteLine(
                    $"Study '{created.Name}' exists already ({StudySettings.Read(storage, created.Name)}); "
                    + "it is left as it is.");
            }

            if (context.Get(format) == OutputFormat.Table)
            {
                Console.Out.WriteLine(created.Name);
            }
            else
            {
                ResultWriter.WriteOne(context, context.Get(format), new Record()
                    .Add("name", created.Name)
                    .Add("directions", created.Directions.Select(DirectionName).ToList())
                    .Add("created", !existed));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command DeleteStudy()
    {
        var study = GlobalOptions.Study("The study to delete");
        var yes = new Option<bool>("--yes", "-y") { Description = "Delete without asking" };
        var command = new Command("delete-study",
            "Deletes a study and all its trials. Asks first, unless --yes is given.\n\n"
            + "Example:\n  hone delete-study --storage sqlite:///hone.db --study quadratic --yes")
        {
            study, yes,
        };
        CommandAction.Set(command, context =>
        {
            var storage = context.Storage();
            string name = context.Get(study);
            long id = storage.FindStudyId(name) ?? throw new CliException(CliContext.NoStudy(name, storage));
            int trials = storage.GetAllTrials(id).Count;
            if (!context.Get(yes))
            {
                if (Console.IsInputRedirected)
                {
                    throw new CliException(
                        $"Deleting study '{name}' ({trials} trials) needs a confirmation, and there is no terminal to "
                        + "ask: pass --yes.");
                }

                string where = CliContext.Redacted(context.StorageUrl);
                CliContext.Messages.Write(FormattableString.Invariant(
                    $"Delete study '{name}' and its {trials} trials from {where}? This cannot be undone. [y/N] "));
                string? answer = Console.ReadLine();
                context.Cancellation.ThrowIfCancellationRequested();
                if (answer is null || !answer.Trim().StartsWith('y'))
                {
                    CliContext.Messages.WriteLine("Nothing was deleted.");
                    return ExitCodes.Failure;
                }
            }

            Hone.Study.Delete(name, storage);
            CliContext.Messages.WriteLine(
                string.Create(CultureInfo.InvariantCulture, $"Deleted study '{name}' and its {trials} trials."));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The <c>study</c> group: commands on one study's own data.</summary>
    public static Command Study()
    {
        var command = new Command("study", "Changes a study's own data.");
        command.Subcommands.Add(SetUserAttribute());
        return command;
    }

    /// <summary>Describes a study for listings.</summary>
    public static Record StudyRecord(StudySummary summary)
    {
        // The best value and trial of a study of several objectives are null: it has a Pareto front instead.
        bool single = summary.Directions.Count == 1;
        return new Record().Add("name", summary.Name)
            .Add("directions", summary.Directions.Select(DirectionName).ToList())
            .Add("trials", summary.TrialCount)
            .Add("best_value", single ? summary.BestTrial?.Value : null)
            .Add("best_trial", single ? summary.BestTrial?.Number : null);
    }

    public static string DirectionName(StudyDirection direction) =>
        direction == StudyDirection.Maximize ? "maximize" : "minimize";

    public static string Directions(IReadOnlyList<StudyDirection> directions) =>
        string.Join(",", directions.Select(DirectionName));

    private static Command SetUserAttribute()
    {
        var study = GlobalOptions.Study();
        var key = new Option<string>("--key", "-k") { Description = "The attribute's name", Required = true };
        var value = new Option<string>("--value", "-v")
        {
            Description = "The attribute's value: text, or JSON with --json",
            Required = true,
        };
        var json = new Option<bool>("--json")
        {
            Description = "Read the value as JSON (a number, true, null, a list, an object) instead of as text",
        };
        var command = new Command("set-user-attr",
            "Sets a user attribute of a study.\n\n"
            + "Example:\n  hone study set-user-attr --storage sqlite:///hone.db --study quadratic --key owner "
            + "--value alice\n  hone study set-user-attr --study quadratic --key budget --value '{\"gpus\": 4}' --json")
        {
            study, key, value, json,
        };
        CommandAction.Set(command, context =>
        {
            var loaded = context.LoadStudy(context.Get(study));
            object? attribute = context.Get(value);
            if (context.Get(json))
            {
                using var document = JsonValues.Parse(context.Get(value), "--value");
                attribute = JsonValues.ToValue(document.RootElement);
            }

            loaded.SetUserAttribute(context.Get(key), attribute);
            CliContext.Messages.WriteLine($"Set user attribute '{context.Get(key)}' of study '{loaded.Name}'.");
            return ExitCodes.Success;
        });
        return command;
    }
}
