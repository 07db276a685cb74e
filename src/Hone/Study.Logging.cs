using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Hone;

public sealed partial class Study
{
    private void LogFinished(FrozenTrial trial, string? reason, Exception? error)
    {
        var level = trial.State == TrialState.Fail ? LogLevel.Warning : LogLevel.Information;
        if (!Logger.IsEnabled(level))
        {
            return;
        }

        string parameters = FormatParams(trial.Params);
        if (trial.State == TrialState.Fail)
        {
            Log.TrialFailed(Logger, error, trial.Number, parameters, reason ?? "");
        }
        else if (trial.State == TrialState.Pruned)
        {
            if (trial.LastStep is { } step)
            {
                Log.TrialPruned(Logger, trial.Number, step, parameters);
            }
            else
            {
                Log.TrialPrunedBeforeReport(Logger, trial.Number, parameters);
            }
        }
        else if (Directions.Count == 1)
        {
            var best = Storage.FindBestTrial(StudyId)!;
            Log.TrialCompleted(Logger, trial.Number, trial.Values![0], parameters, best.Number, best.Values![0]);
        }
        else
        {
            string values = FormatValues(trial.Values!);
            Log.TrialCompletedMulti(Logger, trial.Number, values, parameters);
        }
    }

    /// <summary>Formats parameters for messages: <c>{n_layers: 2, lr: 0.01, optimizer: "sgd"}</c>.</summary>
    internal static string FormatParams(IReadOnlyDictionary<string, object?> parameters)
    {
        var text = new StringBuilder("{");
        foreach (var (name, value) in parameters)
        {
            if (text.Length > 1)
            {
                text.Append(", ");
            }

            text.Append(name).Append(": ").Append(FormatValue(value));
        }

        return text.Append('}').ToString();
    }

    internal static string FormatValue(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string FormatValues(IReadOnlyList<double> values) =>
        "[" + string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";
}
