using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Hone.Benchmarks.Overhead;
using Hone.Samplers;

namespace Hone.Benchmarks.Storage;

/// <summary>The worker processes of the storage benchmark: this program started again with a hidden command, so
/// that each worker is a process of its own, as on a cluster, and the large study is opened by a fresh one.
/// </summary>
/// <remarks>
/// Both modes write JSON lines on standard output. <c>throughput</c> writes <c>{"event": "started"}</c>, opens the
/// storage, warms up on a study of its own (<c>--warmup-trials</c> trials without the sleep), loads the measured
/// study, writes <c>{"event": "ready"}</c> and waits for a line on standard input (the barrier); then it runs trials
/// whose objective sleeps for <c>--sleep-ms</c> until <c>--seconds</c> have passed, and writes when each trial
/// completed, how long it slept, the processor time it used and its storage calls (counted by a
/// <see cref="TimedStorage"/> around the storage). <c>open</c> times opening the study, one TPE trial, the next one
/// and a read of all the trials, and writes them with the process's peak working set.
/// </remarks>
internal sealed class StorageWorkerCommand : Command
{
    /// <summary>The command's name.</summary>
    public const string CommandName = "storage-worker";

    private readonly Argument<string> _mode = new("mode") { Description = "throughput or open." };
    private readonly Option<string> _url = new("--url") { Required = true };
    private readonly Option<string> _study = new("--study") { Required = true };
    private readonly Option<int> _seed = new("--seed") { DefaultValueFactory = _ => 42 };
    private readonly Option<double> _seconds = new("--seconds") { DefaultValueFactory = _ => 10 };
    private readonly Option<int> _sleepMs = new("--sleep-ms") { DefaultValueFactory = _ => 50 };
    private readonly Option<int> _warmup = new("--warmup-trials") { DefaultValueFactory = _ => 1000 };

    public StorageWorkerCommand()
        : base(CommandName, "A worker process of the storage benchmark (started by it, not by hand).")
    {
        Hidden = true;
        Arguments.Add(_mode);
        Options.Add(_url);
        Options.Add(_study);
        Options.Add(_seed);
        Options.Add(_seconds);
        Options.Add(_sleepMs);
        Options.Add(_warmup);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        string url = parse.GetValue(_url)!;
        string study = parse.GetValue(_study)!;
        int seed = parse.GetValue(_seed);
        switch (parse.GetValue(_mode))
        {
            case "throughput":
                Throughput(
                    url, study, seed, parse.GetValue(_seconds), parse.GetValue(_sleepMs), parse.GetValue(_warmup));
                return 0;
            case "open":
                Open(url, study, seed);
                return 0;
            default:
                Console.Error.WriteLine($"{CommandName}: the mode is throughput or open.");
                return 2;
        }
    }

    private static void Throughput(string url, string name, int seed, double seconds, int sleepMs, int warmup)
    {
        Reply(new Dictionary<string, object> { ["event"] = "started" });
        using var storage = new TimedStorage(BackendTarget.OpenUrl(url));

        // Trials of a study of its own without the sleep, so that the JIT has compiled the code path and, with
        // tiering, recompiled it (which takes about a thousand trials: before, the tiering thread alone costs more
        // processor time per trial than the trial itself), and the connection pool is filled before the barrier.
        Study.Create(new StudyOptions
        {
            Name = $"{name}-warmup-{seed}",
            Storage = storage,
            Sampler = new RandomSampler(seed),
        }).Optimize(OverheadObjective.Evaluate, trials: warmup);

        var study = Study.Load(new StudyOptions { Name = name, Storage = storage, Sampler = new RandomSampler(seed) });
        Reply(new Dictionary<string, object> { ["event"] = "ready" });
        Console.ReadLine();

        storage.Reset();
        var clock = Stopwatch.StartNew();
        var cpu = CpuTime();
        var completed = new List<double>();
        var slept = new List<double>();
        double lastSleep = 0;
        study.Optimize(
            trial =>
            {
                // As in a real objective, the parameters are suggested first and the work (here a sleep) follows.
                double value = OverheadObjective.Evaluate(trial);
                long begin = Stopwatch.GetTimestamp();
                Thread.Sleep(sleepMs);
                lastSleep = Stopwatch.GetElapsedTime(begin).TotalSeconds;
                return value;
            },
            timeout: TimeSpan.FromSeconds(seconds),
            callbacks:
            [
                (_, _) =>
                {
                    completed.Add(clock.Elapsed.TotalSeconds);
                    slept.Add(lastSleep);
                },
            ]);
        Reply(new Dictionary<string, object>
        {
            ["completed"] = completed,
            ["slept"] = slept,
            ["cpu_seconds"] = (CpuTime() - cpu).TotalSeconds,
            ["storage"] = storage.Snapshot(),
        });
    }

    private static void Open(string url, string name, int seed)
    {
        long begin = Stopwatch.GetTimestamp();
        using var storage = BackendTarget.OpenUrl(url);
        var study = Study.Load(new StudyOptions
        {
            Name = name,
            Storage = storage,
            Sampler = new TpeSampler(new TpeSamplerOptions { Seed = seed }),
        });
        double open = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        double first = TimeTrial(study);
        double next = TimeTrial(study);

        // What a sampler's read of the study costs once the cache holds it: one query for what may have changed.
        long read = Stopwatch.GetTimestamp();
        int trials = storage.GetAllTrials(study.StudyId).Count;
        double reread = Stopwatch.GetElapsedTime(read).TotalSeconds;
        using var process = Process.GetCurrentProcess();
        Reply(new Dictionary<string, object>
        {
            ["open_seconds"] = open,
            ["first_seconds"] = first,
            ["next_seconds"] = next,
            ["reread_seconds"] = reread,
            ["trials"] = trials,
            ["peak_bytes"] = process.PeakWorkingSet64,
        });
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static double TimeTrial(Study study)
    {
        long begin = Stopwatch.GetTimestamp();
        var trial = study.Ask();
        study.Tell(trial, LargeStudy.Suggest(trial));
        return Stopwatch.GetElapsedTime(begin).TotalSeconds;
    }

    private static void Reply(Dictionary<string, object> message) =>
        Console.WriteLine(JsonSerializer.Serialize(message));
}
