using System.Globalization;
using Hone.Benchmarks.Infrastructure;
using Hone.Benchmarks.Overhead;
using Spectre.Console;

namespace Hone.Benchmarks.Storage;

/// <summary>Runs the overhead part: every backend at every size, one after the other, and Optuna's RDBStorage on
/// SQLite right after Hone's SQLite runs, alternating with them.</summary>
internal static class StorageOverheadBenchmark
{
    /// <summary>Measures every backend asked for; a server backend without its variable is skipped and says why.
    /// </summary>
    public static OverheadPartResult Run(StorageSettings settings)
    {
        var backends = new List<BackendOverhead>();
        var optunaSizes = new List<OverheadSize>();
        string framework = "Optuna";
        string? optunaProblem = settings.Backends.Contains(StorageBackend.Sqlite)
            ? null
            : "SQLite is not among --backends.";
        bool optunaFailed = false;
        foreach (var backend in settings.Backends)
        {
            using var target = BackendTarget.Prepare(backend);
            if (target.Problem is not null)
            {
                AnsiConsole.MarkupLine($"[yellow]{Markup.Escape($"Skipping {target.Label}: {target.Problem}")}[/]");
                backends.Add(new BackendOverhead(backend, target.Label, target.Problem, []));
                continue;
            }

            // Optuna warms up while Hone does, and then waits idle while Hone's runs are timed.
            using var optuna = backend == StorageBackend.Sqlite && settings.OptunaSizes.Count > 0
                ? OptunaStorageOverhead.Start(settings.Common)
                : null;
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{target.Label}: warming up for {settings.Common.WarmupSeconds:0.###} s...")));
            HoneStorageOverhead.WarmUp(target, settings.Common.Seed, settings.Common.WarmupSeconds);
            optuna?.Worker.WaitUntilReady();
            var sizes = new List<OverheadSize>();
            foreach (int trials in settings.Sizes)
            {
                bool withOptuna = optuna is { Worker.IsAvailable: true } && settings.OptunaSizes.Contains(trials);
                (var hone, var other) = TimeSize(target, withOptuna ? optuna : null, trials, settings);
                sizes.Add(hone);
                if (other is not null)
                {
                    optunaSizes.Add(other);
                }
            }

            backends.Add(new BackendOverhead(backend, target.Label, null, sizes));
            if (optuna is not null)
            {
                framework = optuna.Worker.Framework;
                optuna.Finish();
                (optunaProblem, optunaFailed) = (optuna.Worker.Problem, optuna.Worker.IsFailure);
            }
        }

        return new OverheadPartResult(backends, framework, optunaSizes, optunaProblem, optunaFailed);
    }

    private static (OverheadSize Hone, OverheadSize? Optuna) TimeSize(
        BackendTarget target, OptunaStorageOverhead? optuna, int trials, StorageSettings settings)
    {
        var honeRuns = new List<OverheadRun>();
        var optunaRuns = new List<OverheadRun>();
        var gcShares = new List<double>();
        int optunaRepeat = optuna is null ? 0 : settings.OptunaRepeat;
        int repeat = settings.RepeatAt(trials);
        for (int r = 0; r < Math.Max(repeat, optunaRepeat); r++)
        {
            int seed = settings.Common.Seed + r;
            var line = new List<string>();
            if (r < repeat)
            {
                string name = string.Create(CultureInfo.InvariantCulture, $"overhead-{trials}-{r}");
                (var run, double gcShare) = HoneStorageOverhead.TimeOnce(target, name, trials, seed);
                honeRuns.Add(run);
                gcShares.Add(gcShare);
                line.Add($"Hone {Format.Ms(run.MsPerTrial)} ms/trial");
            }

            if (r < optunaRepeat && optuna!.TimeOnce(trials, seed) is { } optunaRun)
            {
                optunaRuns.Add(optunaRun);
                line.Add($"Optuna {Format.Ms(optunaRun.MsPerTrial)} ms/trial");
            }

            string progress = string.Create(CultureInfo.InvariantCulture,
                $"{target.Label}, {Format.Count(trials)} trials, run {r + 1}: {string.Join(", ", line)}");
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(progress)}[/]");
        }

        var hone = new OverheadSize(trials, honeRuns, null, null, Statistics.Median(gcShares));
        var other = optunaRuns.Count > 0 && optunaRuns.Count == optunaRepeat
            ? new OverheadSize(trials, optunaRuns, null, null, null)
            : null;
        return (hone, other);
    }
}
