using System.Globalization;
using Hone.Shared;
using Spectre.Console;

namespace Hone.Samples.Digits;

/// <summary>Prints the outcome of a finished study: the best trial, a histogram of depths, and a replay.</summary>
internal static class StudyReport
{
    /// <summary>Prints the report.</summary>
    /// <param name="console">Where to print.</param>
    /// <param name="study">The study.</param>
    /// <param name="epochs">The epochs a trial trains when it is not pruned.</param>
    /// <param name="replay">The objective, to replay the best trial with <see cref="FixedTrial"/>; none skips it.
    /// </param>
    public static void Write(IAnsiConsole console, Study study, int epochs, Func<Trial, double>? replay = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(study);
        var trials = study.Trials;
        var complete = trials.Count(t => t.State == TrialState.Complete);
        var pruned = trials.Count(t => t.State == TrialState.Pruned);
        var failed = trials.Count(t => t.State == TrialState.Fail);
        console.MarkupLineInterpolated(
            $"Trials: {trials.Count} ({complete} complete, {pruned} pruned, {failed} failed)");

        // Each epoch reports once, so the reports of a trial count the epochs it trained before it ended.
        long trained = trials.Sum(t => (long)t.IntermediateValues.Count);
        long full = (long)trials.Count * epochs;
        double share = full == 0 ? 0 : 100.0 * trained / full;
        console.MarkupLineInterpolated(
            CultureInfo.InvariantCulture,
            $"Epochs trained: {trained} of the {full} that {trials.Count} unpruned trials would train ({share:F0}%)");
        if (complete == 0)
        {
            console.MarkupLine("[red]No trial completed.[/]");
            return;
        }

        var best = study.BestTrial;
        console.MarkupLineInterpolated(
            CultureInfo.InvariantCulture,
            $"Best trial: [bold]#{best.Number}[/], validation error [bold green]{best.Value * 100:F2}%[/]");
        var table = new Table().AddColumn("Parameter").AddColumn(new TableColumn("Value").RightAligned());
        foreach (var (name, value) in best.Params.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(FormatValue(value)));
        }

        console.Write(table);

        console.WriteLine();
        console.WriteLine("n_layers over all trials:");
        var depths = trials
            .Where(t => t.Params.ContainsKey("n_layers"))
            .GroupBy(t => Convert.ToInt64(t.Params["n_layers"], CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key.ToString(CultureInfo.InvariantCulture), g.Count()))
            .ToList();
        console.Write(new Text(TextHistogram.Render(depths, width: 50)));

        if (replay is not null)
        {
            // FixedTrial answers every suggestion from the best parameters, so the objective rebuilds and retrains
            // the best network; with the trial's number it gets the same seed and so the same error.
            var error = replay(new FixedTrial(study.BestParams, best.Number));
            console.WriteLine();
            console.MarkupLineInterpolated(
                CultureInfo.InvariantCulture,
                $"Replayed best trial with FixedTrial: validation error {error * 100:F2}%");
        }
    }

    private static string FormatValue(object? value) => value switch
    {
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        null => "null",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
