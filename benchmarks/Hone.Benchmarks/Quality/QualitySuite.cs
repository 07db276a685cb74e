using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Hone.Benchmarks.Infrastructure;
using Spectre.Console;

namespace Hone.Benchmarks.Quality;

/// <summary>Runs every study of the quality suite, <see cref="QualitySettings.Jobs"/> at a time.</summary>
/// <remarks>
/// Each lane is a thread that takes the next study from a shared queue, slowest first: a Hone study runs on the
/// lane's thread, an Optuna study in the lane's own quality.py process (the thread waits, and for the digits
/// problem trains the networks Optuna asks for). Every study is sequential and seeded, so its result does not
/// depend on the lane or on timing.
/// </remarks>
internal sealed class QualitySuite
{
    private readonly QualitySettings _settings;
    private readonly IReadOnlyList<QualityProblem> _problems;
    private readonly ConcurrentQueue<(QualityProblem Problem, QualityVariant Variant, int Seed)> _queue;
    private readonly ConcurrentBag<QualityRun> _runs = [];
    private readonly Dictionary<(string, string), int> _left = [];
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = new();
    private string? _optunaProblem;
    private bool _optunaFailed;

    private QualitySuite(QualitySettings settings, IReadOnlyList<QualityProblem> problems)
    {
        _settings = settings;
        _problems = problems;
        var studies = from variant in settings.Variants
                      from problem in problems
                      from seed in settings.SeedList
                      select (problem, variant, seed);
        _queue = new(studies.OrderByDescending(s => Cost(s.problem, s.variant)));
        foreach (var problem in problems)
        {
            foreach (var variant in settings.Variants)
            {
                _left[(problem.Name, variant.Name)] = settings.Seeds;
            }
        }
    }

    /// <summary>Checks that both sides define every problem alike, then runs all studies.</summary>
    /// <returns>The outcome; <see cref="QualityOutcome.OptunaFailed"/> when the Optuna side broke or disagreed.
    /// </returns>
    public static QualityOutcome Run(QualitySettings settings, IReadOnlyList<QualityProblem> problems)
    {
        var suite = new QualitySuite(settings, problems);
        return suite.Run();
    }

    private QualityOutcome Run()
    {
        _clock.Start();
        string framework = "Optuna";
        var lanes = new OptunaQuality?[_settings.Jobs];
        if (_settings.Variants.Any(v => v.IsOptuna))
        {
            if (_settings.RunOptuna)
            {
                for (int i = 0; i < lanes.Length; i++)
                {
                    lanes[i] = OptunaQuality.Start(_settings.Python);
                }

                CheckProblems(lanes[0]!);
                framework = lanes[0]!.Worker.Framework;
            }
            else
            {
                _optunaProblem = "skipped with --no-optuna.";
            }
        }

        try
        {
            if (!_optunaFailed)
            {
                var threads = lanes.Select(lane => new Thread(() => Work(lane)) { IsBackground = true }).ToArray();
                foreach (var thread in threads)
                {
                    thread.Start();
                }

                foreach (var thread in threads)
                {
                    thread.Join();
                }
            }

            foreach (var lane in lanes)
            {
                if (lane?.Worker.IsAvailable == true)
                {
                    lane.Finish();
                }
            }
        }
        finally
        {
            foreach (var lane in lanes)
            {
                lane?.Dispose();
            }
        }

        return new QualityOutcome([.. _runs], _optunaProblem is null ? framework : null, _optunaProblem,
            _optunaFailed, _clock.Elapsed);
    }

    /// <summary>Compares each problem's definition on both sides; a difference is a failure of the Optuna side.
    /// </summary>
    private void CheckProblems(OptunaQuality optuna)
    {
        foreach (var problem in _problems)
        {
            if (optuna.Check(problem.Name, SpaceCheck.Points, seed: 1) is not { } points)
            {
                NoteOptunaStopped(optuna);
                return;
            }

            var differences = SpaceCheck.Compare(problem, points);
            if (differences.Count > 0)
            {
                Fail($"The problem '{problem.Name}' differs between Hone and quality.py:\n  "
                    + string.Join("\n  ", differences.Take(10)));
                return;
            }
        }

        Say($"[grey]{Markup.Escape($"Checked {_problems.Count} problems: same parameters, distributions and values "
            + $"on {SpaceCheck.Points} random points each.")}[/]");
    }

    private void Work(OptunaQuality? optuna)
    {
        while (!_optunaFailed && _queue.TryDequeue(out var study))
        {
            QualityRun? run;
            if (!study.Variant.IsOptuna)
            {
                run = HoneQuality.Run(study.Problem, study.Variant, study.Seed, _settings.Trials);
            }
            else if (optuna?.Worker.IsAvailable != true)
            {
                continue;
            }
            else if ((run = optuna.Run(study.Problem, study.Variant, study.Seed, _settings.Trials)) is null)
            {
                NoteOptunaStopped(optuna);
                continue;
            }

            _runs.Add(run);
            Finished(study.Problem, study.Variant);
        }
    }

    private void Finished(QualityProblem problem, QualityVariant variant)
    {
        lock (_gate)
        {
            if (--_left[(problem.Name, variant.Name)] > 0)
            {
                return;
            }

            var runs = _runs.Where(r => r.Problem == problem.Name && r.Variant == variant.Name).ToList();
            var quantiles = Quantiles.Of(runs.Select(r => r.Best));
            double seconds = Statistics.Median(runs.Select(r => r.Seconds));
            Say($"[grey]{Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{_clock.Elapsed:hh\\:mm\\:ss} {problem.Name,-18} {variant.Name,-27} "
                + $"median best {quantiles.Median,10:G5}  ({runs.Count} seeds, {seconds:0.00} s/study)"))}[/]");
        }
    }

    private void NoteOptunaStopped(OptunaQuality optuna)
    {
        lock (_gate)
        {
            if (_optunaProblem is null)
            {
                _optunaProblem = optuna.Worker.Problem;
                _optunaFailed = optuna.Worker.IsFailure;
            }
        }
    }

    private void Fail(string problem)
    {
        lock (_gate)
        {
            _optunaProblem = problem;
            _optunaFailed = true;
        }
    }

    private void Say(string markup)
    {
        lock (_gate)
        {
            AnsiConsole.MarkupLine(markup);
        }
    }

    private static double Cost(QualityProblem problem, QualityVariant variant) =>
        (problem.EvaluatedByHone ? 1000 : 1) * variant.Cost;
}

/// <summary>Holds what a run of the quality suite produced.</summary>
/// <param name="Runs">Every finished study.</param>
/// <param name="OptunaFramework">Optuna's version line when it ran, such as "Optuna 3.1.0 (Python 3.11.2)".</param>
/// <param name="OptunaProblem">Why Optuna did not run, or stopped, when it did not.</param>
/// <param name="OptunaFailed">Whether <paramref name="OptunaProblem"/> is an error rather than a missing install or
/// a choice of the user.</param>
/// <param name="Elapsed">The wall time of the whole suite.</param>
internal sealed record QualityOutcome(
    IReadOnlyList<QualityRun> Runs, string? OptunaFramework, string? OptunaProblem, bool OptunaFailed,
    TimeSpan Elapsed);
