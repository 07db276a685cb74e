using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hone.Benchmarks.Infrastructure;
using Spectre.Console;

namespace Hone.Benchmarks.Storage;

/// <summary>Runs the throughput part: for each worker count, that many worker processes on one fresh study on
/// PostgreSQL, released together, each running trials whose objective sleeps, for a fixed wall time.</summary>
internal static class ThroughputBenchmark
{
    /// <summary>Measures every worker count; without the PostgreSQL variable it says why and measures nothing.
    /// </summary>
    public static ThroughputPartResult Run(StorageSettings settings)
    {
        using var target = BackendTarget.Prepare(StorageBackend.Postgresql);
        if (target.Problem is not null)
        {
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape($"Throughput not measured: {target.Problem}")}[/]");
            return new ThroughputPartResult(target.Label, target.Problem, []);
        }

        var rows = new List<ThroughputRow>();
        foreach (int workers in settings.Workers)
        {
            var row = Measure(target, workers, settings);
            rows.Add(row);
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{workers} worker(s): {row.Trials} trials in {row.Seconds:0.#} s, {row.PerSecond:0.0} trials/s, "
                + $"{Format.Ms(row.OutsideMs)} ms/trial outside the objective"))}[/]");
        }

        return new ThroughputPartResult(target.Label, null, rows);
    }

    private static ThroughputRow Measure(BackendTarget target, int workers, StorageSettings settings)
    {
        string name = string.Create(CultureInfo.InvariantCulture, $"throughput-{workers}");
        string url = target.UrlFor(name)!;
        using (var storage = target.Open(name))
        {
            Study.Create(new StudyOptions { Name = name, Storage = storage });
        }

        string seconds = settings.WorkerSeconds.ToString("R", CultureInfo.InvariantCulture);
        var processes = new List<WorkerProcess>();
        try
        {
            for (int i = 0; i < workers; i++)
            {
                processes.Add(WorkerProcess.Start(
                [
                    "throughput", "--url", url, "--study", name,
                    "--seed", (settings.Common.Seed + i).ToString(CultureInfo.InvariantCulture),
                    "--seconds", seconds,
                    "--sleep-ms", settings.SleepMs.ToString(CultureInfo.InvariantCulture),
                    "--warmup-trials", settings.WorkerWarmup.ToString(CultureInfo.InvariantCulture),
                ]));
            }

            // The barrier: every worker has opened the storage and warmed up before any starts its trials.
            long started = processes[0].Started;
            foreach (var process in processes)
            {
                process.Read();
            }

            double start = Stopwatch.GetElapsedTime(started).TotalSeconds;
            foreach (var process in processes)
            {
                process.Read();
            }

            double ready = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var loadBefore = MachineLoad.Read();
            long go = Stopwatch.GetTimestamp();
            foreach (var process in processes)
            {
                process.Send("go");
            }

            // While the workers run, the parent only glances at the server's sessions, ten times a second.
            long end = go + (long)(settings.WorkerSeconds * Stopwatch.Frequency);
            var (active, waiting) = target.Database!.WatchSessions(end, TimeSpan.FromMilliseconds(100));
            var loadAfter = MachineLoad.Read();
            var answers = processes.Select(p => p.Read()).ToList();
            foreach (var process in processes)
            {
                process.WaitForExit();
            }

            var row = Summarize(workers, settings, ready, answers, CheckNumbers(target, name))
                with { StartSeconds = start };
            double? busy = loadBefore is { } b && loadAfter is { } a ? a.Busy - b.Busy : null;
            double? total = loadBefore is { } b2 && loadAfter is { } a2 ? a2.Total - b2.Total : null;
            return row with
            {
                MachineCpuMs = busy * 1000 / row.Trials,
                BusyShare = busy / total,
                ActiveSessions = active,
                LockWaitShare = waiting,
            };
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Dispose();
            }
        }
    }

    /// <summary>Counts the trials each worker completed within the window, and what they spent outside the sleep.
    /// </summary>
    private static ThroughputRow Summarize(
        int workers, StorageSettings settings, double ready, List<JsonElement> answers, bool unique)
    {
        double window = settings.WorkerSeconds;
        int trials = 0;
        double sleptSeconds = 0;
        double busySeconds = 0;
        double cpuMs = 0;
        int allTrials = 0;
        var calls = new Dictionary<string, (double Calls, double Ms)>();
        foreach (var answer in answers)
        {
            double[] completed = [.. answer.GetProperty("completed").EnumerateArray().Select(e => e.GetDouble())];
            double[] slept = [.. answer.GetProperty("slept").EnumerateArray().Select(e => e.GetDouble())];
            int inWindow = completed.Count(t => t <= window);
            trials += inWindow;
            if (inWindow > 0)
            {
                // A worker runs its trials one after the other: up to its last completion in the window, its time
                // went to the sleeps of those trials and to everything else.
                busySeconds += completed[inWindow - 1];
                sleptSeconds += slept.Take(inWindow).Sum();
            }

            // The processor time covers every trial the worker ran, the last ones after the window too.
            cpuMs += completed.Length == 0 ? 0
                : answer.GetProperty("cpu_seconds").GetDouble() * 1000 * inWindow / completed.Length;
            allTrials += completed.Length;
            foreach (var call in answer.GetProperty("storage").EnumerateObject())
            {
                var (count, ms) = calls.GetValueOrDefault(call.Name);
                calls[call.Name] = (count + call.Value.GetProperty("calls").GetInt32(),
                    ms + (call.Value.GetProperty("seconds").GetDouble() * 1000));
            }
        }

        // The calls cover every trial the workers ran, the last ones after the window too.
        var perTrial = calls.ToDictionary(c => c.Key, c => (c.Value.Calls / allTrials, c.Value.Ms / allTrials));

        return new ThroughputRow(workers, window, trials, ready,
            trials == 0 ? double.NaN : sleptSeconds * 1000 / trials,
            trials == 0 ? double.NaN : (busySeconds - sleptSeconds) * 1000 / trials, unique,
            trials == 0 ? double.NaN : cpuMs / trials, null, null, 0, 0, perTrial);
    }

    /// <summary>Tells whether the study's trials are numbered 0, 1, 2, … with no gap and no duplicate.</summary>
    private static bool CheckNumbers(BackendTarget target, string name)
    {
        using var storage = target.Open(name);
        var trials = storage.GetAllTrials(storage.GetStudyId(name));
        return trials.Select((t, i) => t.Number == i).All(ok => ok);
    }
}
