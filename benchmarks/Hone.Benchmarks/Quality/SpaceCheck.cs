using System.Globalization;
using System.Text.Json;
using Hone.Distributions;
using Hone.Samplers;

namespace Hone.Benchmarks.Quality;

/// <summary>Checks that a problem is the same on both sides: the random points Optuna drew, replayed in Hone, must
/// suggest the same parameters with the same distributions and give the same value.</summary>
internal static class SpaceCheck
{
    /// <summary>How many random points are compared per problem.</summary>
    public const int Points = 24;

    private const double Tolerance = 1e-9;

    /// <summary>Replays Optuna's points in a Hone study and lists the differences; empty when there are none.
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <param name="points">The points from <see cref="OptunaQuality.Check"/>.</param>
    public static List<string> Compare(QualityProblem problem, JsonElement points)
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(0) });
        var expected = new List<JsonElement>();
        foreach (var point in points.EnumerateArray())
        {
            study.EnqueueTrial(JsonParameters.Read(point.GetProperty("params")));
            expected.Add(point);
        }

        study.Optimize(problem.Objective, expected.Count);
        var problems = new List<string>();
        foreach (var trial in study.Trials)
        {
            var point = expected[trial.Number];
            string where = string.Create(CultureInfo.InvariantCulture, $"{problem.Name}, point {trial.Number}");
            var optuna = point.GetProperty("distributions");
            var names = optuna.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
            var hone = trial.Distributions.Keys.Order(StringComparer.Ordinal).ToList();
            if (!names.SequenceEqual(hone, StringComparer.Ordinal))
            {
                problems.Add(
                    $"{where}: Optuna suggests [{string.Join(", ", names)}], Hone [{string.Join(", ", hone)}]");
                continue;
            }

            foreach (var property in optuna.EnumerateObject())
            {
                if (Differs(trial.Distributions[property.Name], property.Value) is { } difference)
                {
                    problems.Add($"{where}, '{property.Name}': {difference}");
                }
            }

            if (point.GetProperty("value") is { ValueKind: JsonValueKind.Number } value
                && !Close(value.GetDouble(), trial.Values![0]))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{where}: Optuna's value is {value.GetDouble():R}, Hone's {trial.Values![0]:R}"));
            }
        }

        return problems;
    }

    private static string? Differs(Distribution hone, JsonElement optuna)
    {
        string type = optuna.GetProperty("type").GetString()!;
        bool same = (type, hone) switch
        {
            ("float", FloatDistribution f) => Close(f.Low, Number(optuna, "low")!.Value)
                && Close(f.High, Number(optuna, "high")!.Value)
                && f.Log == optuna.GetProperty("log").GetBoolean()
                && (f.Step, Number(optuna, "step")) switch
                {
                    (null, null) => true,
                    ({ } a, { } b) => Close(a, b),
                    _ => false,
                },
            ("int", IntDistribution i) => i.Low == Number(optuna, "low") && i.High == Number(optuna, "high")
                && i.Log == optuna.GetProperty("log").GetBoolean() && i.Step == Number(optuna, "step"),
            ("categorical", CategoricalDistribution c) => c.Choices.Select(x => x?.ToString())
                .SequenceEqual(optuna.GetProperty("choices").EnumerateArray().Select(x => x.ToString())),
            _ => false,
        };
        return same ? null : $"Optuna has {optuna.GetRawText()}, Hone {hone}";
    }

    private static double? Number(JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: JsonValueKind.Number } number ? number.GetDouble() : null;

    private static bool Close(double a, double b) =>
        a == b || Math.Abs(a - b) <= Tolerance * Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(b)));
}
