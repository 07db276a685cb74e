using System.Globalization;
using System.Text;
using Hone.Benchmarks.Infrastructure;

namespace Hone.Benchmarks.Storage;

/// <summary>Presents the throughput part: trials per second of several worker processes on one PostgreSQL study.
/// </summary>
internal sealed class ThroughputPartReport(ThroughputPartResult result, StorageSettings settings, string command)
    : IStorageReport
{
    /// <summary>The target: the share of the ideal throughput reached at the most workers.</summary>
    public const double TargetShare = 0.9;

    private static readonly string[] Headers =
    [
        "Workers", "Trials", "Trials/s", "Ideal trials/s", "Share of ideal", "Numbers dense", "Processes started",
        "Warmed up",
    ];

    private static readonly string[] CostHeaders =
    [
        "Workers", "Asleep ms/trial", "Other ms/trial", "Worker CPU ms/trial", "Machine CPU ms/trial",
        "Processors busy", "Server sessions active", "Of them waiting for a lock",
    ];

    /// <inheritdoc />
    public bool Failed => false;

    private double IdealPerWorker => 1000.0 / settings.SleepMs;

    /// <inheritdoc />
    public void Print(MachineInfo machine)
    {
        StorageReport.PrintTable($"Worker processes on {result.Label}", Headers, Rows());
        StorageReport.PrintTable("Where a trial's time goes", CostHeaders, CostRows());
        StorageReport.PrintTable("Storage calls per trial, in the workers", CallHeaders(), CallRows());
        StorageReport.PrintLines([machine.ToString(), .. Verdicts()]);
    }

    /// <inheritdoc />
    public string ToMarkdown(MachineInfo machine, DateTimeOffset date)
    {
        var text = new StringBuilder("## storage: worker processes on PostgreSQL\n\n");
        Markdown.AppendParagraph(text, Invariant(
            $"Trials per second of 1 to {settings.Workers[^1]} worker processes on one study in PostgreSQL, each ")
            + "process opening `postgresql://...` through `StorageUrl.Open` and the relational provider and running "
            + "the random sampler on an objective that, as a real one does, first suggests its parameters (the ten "
            + Invariant($"of the `overhead` benchmark) and then works: it sleeps {settings.SleepMs} ms, so that the ")
            + Invariant($"ideal is {IdealPerWorker:0.#} trials per second per worker. With the study's default ")
            + "ParameterWriteDelay of 20 ms the parameters are written while it sleeps. The workers are this program "
            + "started again (a hidden `storage-worker` command); each "
            + Invariant($"opens the storage and runs {Format.Count(settings.WorkerWarmup)} warm-up trials without the ")
            + "sleep on a study of its own (until then the JIT's tiering costs more processor time than the trials), "
            + "then waits at a barrier until "
            + "all are ready, so process start-up and warm-up (the last two columns: seconds from starting the "
            + "processes until the last one runs its own code, and until the last one is warmed up) are not in the "
            + "window. Released together, each "
            + Invariant($"runs trials for {settings.WorkerSeconds} s; the trials completed within that window ")
            + "count. \"Numbers dense\" checks afterwards that the study's trial numbers are 0, 1, 2, … with no gap "
            + "or duplicate. The second table tells where the time goes. \"Asleep\" is the measured sleep per trial "
            + "(Thread.Sleep overshoots a little), \"Other\" the rest of each trial's time in its worker: the "
            + "framework, the storage's round trips to the server, and waits for the server's locks or for a "
            + "processor. \"Worker CPU\" is the processor time of the worker processes per trial; \"Machine CPU\" "
            + "that of the whole machine in the window (workers, server and system, from /proc/stat), and "
            + "\"Processors busy\" its share of the processors' time. The runner looks at PostgreSQL's "
            + "`pg_stat_activity` ten times a second: how many of the study database's sessions run a statement, "
            + "and how many of those wait for a lock. The third table counts the storage calls the workers make per "
            + "trial (through a thin timing wrapper around the storage) and the time they take, for each worker "
            + "count. The server is the one `eng/test-servers.sh` starts, on the "
            + "same machine, with durability off.");
        StorageReport.AppendRun(text, command, machine, date);
        Markdown.AppendTable(text, Headers, Rows());
        text.Append('\n');
        Markdown.AppendTable(text, CostHeaders, CostRows());
        text.Append('\n');
        Markdown.AppendTable(text, CallHeaders(), CallRows());
        text.Append('\n');
        foreach (string paragraph in Verdicts())
        {
            Markdown.AppendParagraph(text, paragraph);
        }

        return text.ToString().TrimEnd() + "\n";
    }

    private IEnumerable<string[]> Rows() => result.Rows.Select(r => new[]
    {
        r.Workers.ToString(CultureInfo.InvariantCulture),
        Format.Count(r.Trials),
        r.PerSecond.ToString("F1", CultureInfo.InvariantCulture),
        (r.Workers * IdealPerWorker).ToString("F0", CultureInfo.InvariantCulture),
        Format.Percent(Share(r)),
        r.Unique ? "yes" : "NO",
        StorageReport.Seconds(r.StartSeconds),
        StorageReport.Seconds(r.ReadySeconds),
    });

    private IEnumerable<string[]> CostRows() => result.Rows.Select(r => new[]
    {
        r.Workers.ToString(CultureInfo.InvariantCulture),
        Format.Ms(r.SleepMs),
        Format.Ms(r.OutsideMs),
        Format.Ms(r.WorkerCpuMs),
        r.MachineCpuMs is { } m ? Format.Ms(m) : "—",
        r.BusyShare is { } b ? Format.Percent(b) : "—",
        r.ActiveSessions.ToString("F1", CultureInfo.InvariantCulture),
        Format.Percent(r.LockWaitShare),
    });

    private string[] CallHeaders() =>
    [
        "Storage call", "Calls/trial",
        .. result.Rows.Select(r => r.Workers == 1 ? "ms/trial, 1 worker" : $"ms/trial, {r.Workers} workers"),
    ];

    private IEnumerable<string[]> CallRows()
    {
        if (result.Rows.Count == 0)
        {
            yield break;
        }

        var first = result.Rows[0].Calls;
        foreach (var (name, (calls, ms)) in first.Where(c => c.Value.Calls >= 0.01).OrderByDescending(c => c.Value.Ms))
        {
            yield return
            [
                name, calls.ToString("F1", CultureInfo.InvariantCulture),
                .. result.Rows.Select(r => r.Calls.TryGetValue(name, out var c) ? Format.Ms(c.Ms) : "—"),
            ];
        }

        yield return
        [
            "all", first.Values.Sum(c => c.Calls).ToString("F1", CultureInfo.InvariantCulture),
            .. result.Rows.Select(r => Format.Ms(r.Calls.Values.Sum(c => c.Ms))),
        ];
    }

    private double Share(ThroughputRow row) => row.PerSecond / (row.Workers * IdealPerWorker);

    private IEnumerable<string> Verdicts()
    {
        if (result.Problem is not null)
        {
            yield return $"Not measured: {result.Problem}";
            yield break;
        }

        var most = result.Rows[^1];
        double share = Share(most);
        yield return $"Target: at least {Format.Percent(TargetShare)} of the ideal with {Workers(most.Workers)}: "
            + $"{Format.Percent(share)}, {StorageReport.Met(share >= TargetShare)}.";

        // What one worker alone can reach: its trial takes the sleep plus everything else, with no one to wait for.
        var one = result.Rows[0];
        double alone = one.SleepMs / (one.SleepMs + one.OutsideMs);
        string why = $"With {Workers(one.Workers)} a trial spends {Format.Ms(one.SleepMs)} ms asleep and "
            + Invariant($"{Format.Ms(one.OutsideMs)} ms on everything else, so a worker reaches at most ")
            + Invariant($"{Format.Percent(alone)} of its ideal.");
        if (one.Calls.Count > 0)
        {
            // The parameters suggested at the objective's start are written on a timer while it runs (the study's
            // ParameterWriteDelay), so that call overlaps the sleep instead of adding to the trial.
            double total = one.Calls.Values.Sum(c => c.Ms);
            double background = one.Calls.GetValueOrDefault("SetTrialParameters").Ms;
            var (name, (calls, ms)) = one.Calls.Where(c => c.Key != "SetTrialParameters").MaxBy(c => c.Value.Ms);
            why += Invariant($" Its {one.Calls.Values.Sum(c => c.Calls):0.#} storage calls per trial take ")
                + Invariant($"{Format.Ms(total)} ms, of which {Format.Ms(background)} ms write the parameters ")
                + "while the objective sleeps; of the rest, the largest share, "
                + Invariant($"{Format.Ms(ms)} ms, goes to {calls:0.#} call(s) of {name}.");
        }

        if (most.MachineCpuMs is { } cpu && most.BusyShare is { } busy)
        {
            int cores = Environment.ProcessorCount;
            double capacity = cores * 1000 / cpu;
            why += $" With {Workers(most.Workers)} each trial costs {Format.Ms(cpu)} ms of processor "
                + Invariant($"time on the machine ({Format.Ms(most.WorkerCpuMs)} ms in the worker, the rest in the ")
                + Invariant($"PostgreSQL server and the system), so {cores} cores complete at most about ")
                + Invariant($"{capacity:0} trials per second, ")
                + Invariant($"{Format.Percent(capacity / (most.Workers * IdealPerWorker))} of the ideal ")
                + Invariant($"{most.Workers * IdealPerWorker:0}; the processors were ")
                + Invariant($"{Format.Percent(busy)} busy, while the server ran {most.ActiveSessions:0.0} statements ")
                + Invariant($"at a time on average, {Format.Percent(most.LockWaitShare)} of them waiting for a lock.");
        }

        yield return why;
    }

    private static string Workers(int count) =>
        count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " worker" : " workers");

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
