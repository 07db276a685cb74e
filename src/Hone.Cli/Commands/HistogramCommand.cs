using System.CommandLine;
using System.Globalization;
using Hone.Cli.Input;
using Hone.Cli.Output;
using Hone.Distributions;
using Hone.Shared;

namespace Hone.Cli.Commands;

/// <summary><c>hone histogram</c>: how often each value of a parameter was tried, in the style of the seed
/// document's <c>distribution</c> tool.</summary>
internal static class HistogramCommand
{
    // Up to this many distinct values, a numeric parameter gets a row per value instead of bins.
    private const int MaxExactValues = 20;

    public static Command Create()
    {
        var study = GlobalOptions.Study();
        var param = new Option<string>("--param")
        {
            Description = "The parameter to count",
            Required = true,
            HelpName = "NAME",
        };
        var bins = new Option<int>("--bins")
        {
            Description = "Bins for a continuous parameter (log-spaced for a log-scale one), or an integer one with "
                + "more than " + MaxExactValues + " distinct values",
            DefaultValueFactory = _ => 10,
        };
        bins.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                r.AddError($"--bins must be between 1 and 1000, but got {r.GetValueOrDefault<int>()}.");
            }
        });
        var states = NameList.Create(NameList.States, "--state");
        states.Description = "Count only trials in these states, separated by spaces or commas [default: every "
            + "trial that has the parameter]";
        var format = GlobalOptions.Format();
        var command = new Command("histogram",
            "Shows how often each value of a parameter was tried: counts, percentages and bars. Categorical "
            + $"parameters, and integer or stepped ones with at most {MaxExactValues} distinct values, get a row per "
            + "value; the others are binned.\n\n"
            + "Example:\n  hone histogram --storage sqlite:///hone.db --study digits --param n_layers\n"
            + "  1|23 (23.00%) ||||||||||||||||||||||||||||||||||||||||||||||")
        {
            study, param, bins, states, format,
        };
        CommandAction.Set(command, context =>
        {
            var loaded = context.LoadStudy(context.Get(study));
            string name = context.Get(param);
            var filter = context.Get(states) is { Length: > 0 } s ? s : null;
            var trials = (filter is null ? loaded.Trials : loaded.GetTrials(filter))
                .Where(t => t.Params.ContainsKey(name)).ToList();
            if (trials.Count == 0)
            {
                var known = loaded.Trials.SelectMany(t => t.Params.Keys).Distinct().Order(StringComparer.Ordinal)
                    .ToList();
                throw new CliException(known.Contains(name, StringComparer.Ordinal)
                    ? $"No trial of study '{loaded.Name}' in state {string.Join(" or ", filter!)} has parameter "
                        + $"'{name}'."
                    : $"No trial of study '{loaded.Name}' has parameter '{name}'; its parameters are "
                        + (known.Count == 0 ? "none yet" : string.Join(", ", known)) + ".");
            }

            var rows = Count(trials, name, context.Get(bins));
            if (context.Get(format) == OutputFormat.Table)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name} in study '{loaded.Name}', {trials.Count} trials"));
                Console.Out.Write(TextHistogram.Render([.. rows.Select(r => (r.Label, r.Count))]));
            }
            else
            {
                ResultWriter.WriteList(context, context.Get(format), [.. rows.Select(r => new Record()
                    .Add("value", r.Low is null ? r.Value : r.Label).Add("low", r.Low).Add("high", r.High)
                    .Add("count", r.Count)
                    .Add("percent", 100.0 * r.Count / trials.Count))]);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static List<Row> Count(IReadOnlyList<FrozenTrial> trials, string name, int bins)
    {
        var latest = trials[^1].Distributions[name];
        var values = trials.Select(t => t.Params[name]).ToList();
        bool numeric = values.All(v => v is long or double) && latest is not CategoricalDistribution;
        var distinct = values.Distinct().ToList();
        bool continuous = latest is FloatDistribution { Step: null };
        if (!numeric || (!continuous && distinct.Count <= MaxExactValues))
        {
            // One row per value: numbers in order, categorical choices in the order the distribution lists them.
            var order = numeric
                ? distinct.OrderBy(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToList()
                : latest is CategoricalDistribution c
                    ? [.. c.Choices.Where(distinct.Contains), .. distinct.Where(v => !c.Choices.Contains(v))]
                    : distinct;
            return [.. order.Select(v => new Row(Label(v), v, null, null, values.Count(x => Equals(x, v))))];
        }

        var numbers = values.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToList();
        double low = numbers.Min();
        double high = numbers.Max();
        bool log = latest is FloatDistribution { Log: true } or IntDistribution { Log: true } && low > 0;
        Func<double, double> scale = log ? Math.Log : x => x;
        Func<double, double> unscale = log ? Math.Exp : x => x;
        double from = scale(low);
        double width = (scale(high) - from) / bins;
        var counts = new int[bins];
        foreach (double x in numbers)
        {
            int bin = width > 0 ? (int)((scale(x) - from) / width) : 0;
            counts[Math.Clamp(bin, 0, bins - 1)]++;
        }

        var rows = new List<Row>(bins);
        for (int i = 0; i < bins; i++)
        {
            double a = i == 0 ? low : unscale(from + (i * width));
            double b = i == bins - 1 ? high : unscale(from + ((i + 1) * width));
            string close = i == bins - 1 ? "]" : ")";
            rows.Add(new Row(string.Create(CultureInfo.InvariantCulture, $"[{a:G4}, {b:G4}{close}"), null, a, b,
                counts[i]));
        }

        return rows;
    }

    private static string Label(object? value) => value switch
    {
        null => "null",
        double d => ResultWriter.FormatDouble(d),
        _ => ResultWriter.Text(value, forPeople: false),
    };

    // One row: a value (typed, for JSON) or a bin from Low to High, and how many trials it holds.
    private sealed record Row(string Label, object? Value, double? Low, double? High, int Count);
}
