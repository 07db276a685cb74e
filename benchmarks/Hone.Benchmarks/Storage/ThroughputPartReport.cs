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
        StorageReport.PrintLines([machine.ToString(), .. Verdicts()]);
    }

    /// <inheritdoc />
    public string ToMarkdown(MachineInfo machine, DateTimeOffset date)
    {
        var text = new StringBuilder("## storage: worker processes on PostgreSQL\n\n");
        Markdown.AppendParagraph(text, Invariant(
            $"Trials per second of 1 to {settings.Workers[^1]} worker processes on one study in PostgreSQL, each ")
            + "process opening `postgresql://...` through `StorageUrl.Open` and the relational provider and running "
            + "the random sampler on the objective of the `overhead` benchmark with a sleep of "
            + Invariant($"{settings.SleepMs} ms in it, so that the ideal is {IdealPerWorker:0.#} trials per second ")
            + "per worker. The workers are this program started again (a hidden `storage-worker` command); each "
            + "opens the storage and runs warm-up trials without the sleep on a study of its own (50, and for "
            + Invariant($"{settings.Common.WarmupSeconds} s at least), ")
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
            + "and how many of those wait for a lock. The server is the one `eng/test-servers.sh` starts, on the "
            + "same machine, with durability off.");
        StorageReport.AppendRun(text, command, machine, date);
        Markdown.AppendTable(text, Headers, Rows());
        text.Append('\n');
        Markdown.AppendTable(text, CostHeaders, CostRows());
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
        yield return Invariant($"Target: at least {Format.Percent(TargetShare)} of the ideal with {most.Workers} ")
            + $"workers: {Format.Percent(share)}, {StorageReport.Met(share >= TargetShare)}.";

        // What one worker alone can reach: its trial takes the sleep plus everything else, with no one to wait for.
        var one = result.Rows[0];
        double alone = one.SleepMs / (one.SleepMs + one.OutsideMs);
        string why = Invariant($"With {one.Workers} worker a trial spends {Format.Ms(one.SleepMs)} ms asleep and ")
            + Invariant($"{Format.Ms(one.OutsideMs)} ms on everything else, so that worker reaches at most ")
            + Invariant($"{Format.Percent(alone)} of its ideal.");
        if (most.MachineCpuMs is { } cpu && most.BusyShare is { } busy)
        {
            int cores = Environment.ProcessorCount;
            double capacity = cores * 1000 / cpu;
            why += Invariant($" With {most.Workers} workers each trial costs {Format.Ms(cpu)} ms of processor ")
                + Invariant($"time on the machine ({Format.Ms(most.WorkerCpuMs)} ms in the worker, the rest in the ")
                + Invariant($"PostgreSQL server and the system), so {cores} cores complete at most about ")
                + Invariant($"{capacity:0} trials per second, ")
                + Invariant($"{Format.Percent(capacity / (most.Workers * IdealPerWorker))} of the ideal ")
                + Invariant($"{most.Workers * IdealPerWorker:0}; the processors were ")
                + Invariant($"{Format.Percent(busy)} busy, and {Format.Percent(most.LockWaitShare)} of the server's ")
                + "active sessions were waiting for a lock.";
        }

        yield return why;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
