using System.CommandLine;
using System.Globalization;
using Hone.Cli.Input;
using Hone.Cli.Output;

namespace Hone.Cli.Commands;

/// <summary>The commands that show a study's trials.</summary>
internal static class TrialCommands
{
    /// <summary>The columns a trial listing can show, in the order they are shown.</summary>
    public static readonly string[] ColumnNames =
    [
        "number", "state", "value", "started", "completed", "duration", "params", "user_attrs", "system_attrs",
        "intermediate_values",
    ];

    private static readonly string[] DefaultColumns =
        ["number", "state", "value", "started", "completed", "duration", "params", "user_attrs"];

    public static Command Trials()
    {
        var study = GlobalOptions.Study();
        var states = NameList.Create(NameList.States, "--state");
        states.Description = "Show only trials in these states, separated by spaces or commas";
        var columns = Columns();
        var format = GlobalOptions.Format();
        var command = new Command("trials",
            "Lists a study's trials: state, values, times, parameters and attributes.\n\n"
            + "Example:\n  hone trials --storage sqlite:///hone.db --study quadratic --state complete pruned "
            + "--columns number,value,params --format csv")
        {
            study, states, columns, format,
        };
        CommandAction.Set(command, context =>
        {
            var loaded = context.LoadStudy(context.Get(study));
            var filter = context.Get(states) is { Length: > 0 } s ? s : null;
            var trials = filter is null ? loaded.Trials : loaded.GetTrials(filter);
            if (trials.Count == 0 && context.Get(format) == OutputFormat.Table)
            {
                CliContext.Messages.WriteLine(filter is null
                    ? $"Study '{loaded.Name}' has no trial yet."
                    : $"Study '{loaded.Name}' has no trial in state {string.Join(" or ", filter)}.");
                return ExitCodes.Success;
            }

            var chosen = context.Get(columns);
            ResultWriter.WriteList(context, context.Get(format),
                [.. trials.Select(t => TrialRecord(t, loaded.Directions.Count, chosen))]);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command BestTrial()
    {
        var study = GlobalOptions.Study();
        var columns = Columns();
        var format = GlobalOptions.Format();
        var command = new Command("best-trial",
            "Shows the best trial of a single-objective study (for several objectives, see best-trials).\n\n"
            + "Example:\n  hone best-trial --storage sqlite:///hone.db --study quadratic --format json")
        {
            study, columns, format,
        };
        CommandAction.Set(command, context =>
        {
            var loaded = context.LoadStudy(context.Get(study));
            if (loaded.Directions.Count > 1)
            {
                throw new CliException(
                    $"Study '{loaded.Name}' has {loaded.Directions.Count} objectives, so it has no single best trial; "
                    + "'hone best-trials' shows its Pareto front.");
            }

            var best = loaded.BestTrial;
            ResultWriter.WriteOne(context, context.Get(format), TrialRecord(best, 1, context.Get(columns)),
                $"Best trial of '{loaded.Name}'");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command BestTrials()
    {
        var study = GlobalOptions.Study();
        var columns = Columns();
        var format = GlobalOptions.Format();
        var command = new Command("best-trials",
            "Shows the trials on a study's Pareto front: those that no other completed trial beats on every "
            + "objective (for one objective, the best trial).\n\n"
            + "Example:\n  hone best-trials --storage sqlite:///hone.db --study accuracy-vs-latency")
        {
            study, columns, format,
        };
        CommandAction.Set(command, context =>
        {
            var loaded = context.LoadStudy(context.Get(study));
            var best = loaded.BestTrials;
            if (best.Count == 0)
            {
                throw new CliException($"Study '{loaded.Name}' has no completed trial yet, so no best trials.");
            }

            ResultWriter.WriteList(context, context.Get(format),
                [.. best.Select(t => TrialRecord(t, loaded.Directions.Count, context.Get(columns)))],
                $"Pareto front of '{loaded.Name}'");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Describes a trial with the chosen columns.</summary>
    public static Record TrialRecord(FrozenTrial trial, int objectives, IReadOnlyCollection<string> columns)
    {
        var record = new Record();
        foreach (string column in columns.Distinct(StringComparer.Ordinal))
        {
            _ = column switch
            {
                "number" => record.Add("number", trial.Number),
                "state" => record.Add("state", StateName(trial.State)),
                "value" when objectives == 1 => record.Add("value", trial.Values?[0]),
                "value" => record.Add("values", trial.Values),
                "started" => record.Add("started", trial.StartedAt),
                "completed" => record.Add("completed", trial.CompletedAt),
                "duration" => record.Add("duration", trial.Duration),
                "params" => record.Add("params", Nested(trial.Params)),
                "user_attrs" => record.Add("user_attrs", Nested(trial.UserAttributes)),
                "system_attrs" => record.Add("system_attrs", Nested(trial.SystemAttributes)),
                "intermediate_values" => record.Add("intermediate_values", trial.IntermediateValues.Count == 0
                    ? null
                    : Nested(trial.IntermediateValues.OrderBy(p => p.Key).ToDictionary(
                        p => p.Key.ToString(CultureInfo.InvariantCulture), p => (object?)p.Value))),
                _ => record,
            };
        }

        return record;
    }

    public static string StateName(TrialState state) => state.ToString().ToLowerInvariant();

    private static Record Nested(IReadOnlyDictionary<string, object?> values)
    {
        var record = new Record();
        foreach (var (key, value) in values)
        {
            record.Add(key, value);
        }

        return record;
    }

    private static Option<string[]> Columns()
    {
        var option = new Option<string[]>("--columns")
        {
            Description = "The columns to show, separated by commas: " + string.Join(",", ColumnNames),
            DefaultValueFactory = _ => DefaultColumns,
            CustomParser = result => [.. result.Tokens.SelectMany(
                t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
            AllowMultipleArgumentsPerToken = true,
            HelpName = "LIST",
        };
        option.Validators.Add(result =>
        {
            foreach (string name in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!ColumnNames.Contains(name, StringComparer.Ordinal))
                {
                    result.AddError(
                        $"--columns: '{name}' is not a column; the columns are {string.Join(", ", ColumnNames)}.");
                }
            }
        });
        return option;
    }
}
