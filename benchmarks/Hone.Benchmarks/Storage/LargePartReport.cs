using System.Globalization;
using System.Text;
using Hone.Benchmarks.Infrastructure;

namespace Hone.Benchmarks.Storage;

/// <summary>Presents the large-study part: building a large SQLite study, and opening and sampling it from a fresh
/// process.</summary>
internal sealed class LargePartReport(LargePartResult result, StorageSettings settings, string command)
    : IStorageReport
{
    /// <summary>The target: the fresh process's peak working set below this many bytes.</summary>
    public const long TargetPeakBytes = 1L << 30;

    private static readonly string[] Headers = ["Measure", "Value"];

    /// <inheritdoc />
    public bool Failed => false;

    /// <inheritdoc />
    public void Print(MachineInfo machine)
    {
        StorageReport.PrintTable($"A {Format.Count(result.Trials)}-trial study on SQLite", Headers, Rows());
        StorageReport.PrintLines(machine.ToString(), Verdict());
    }

    /// <inheritdoc />
    public string ToMarkdown(MachineInfo machine, DateTimeOffset date)
    {
        var text = new StringBuilder($"## storage: a {Format.Count(result.Trials)}-trial study on SQLite\n\n");
        Markdown.AppendParagraph(text,
            $"A study of {Format.Count(result.Trials)} completed trials over {LargeStudy.SpaceDescription}, built "
            + "in an SQLite file through `Study.AddTrial` (the public path: one transaction per trial through "
            + "`StorageUrl.Open` and the relational provider; no SQL of our own). A fresh process, this program "
            + "started again, then opens a copy of the file: `StorageUrl.Open` and `Study.Load` with the TPE sampler "
            + "(defaults, seed " + settings.Common.Seed.ToString(CultureInfo.InvariantCulture) + "), then asks for "
            + "one trial, suggests the same five parameters and tells it, and then a second one. The first trial "
            + "reads every trial into the provider's cache and fits TPE to all of them; the second reads only what "
            + "changed since, and so does a read of all the trials after it, which shows what the storage costs a "
            + "sampler once the cache is full. The peak working set is the fresh process's whole resident set at its "
            + "highest (runtime included), read from the system at the end.");
        StorageReport.AppendRun(text, command, machine, date);
        Markdown.AppendTable(text, Headers, Rows());
        text.Append('\n');
        Markdown.AppendParagraph(text, Verdict());
        return text.ToString().TrimEnd() + "\n";
    }

    private IEnumerable<string[]> Rows()
    {
        string trials = Format.Count(result.Trials);
        yield return
        [
            $"Build: {trials} × Study.AddTrial",
            result.BuildSeconds is { } build
                ? $"{StorageReport.Seconds(build)} ({Format.Ms(build * 1000 / result.Trials)} ms/trial)"
                : "reused from --large-db (not timed)",
        ];
        yield return ["SQLite file", Format.MiB(result.FileBytes)];
        yield return ["Open: StorageUrl.Open + Study.Load", StorageReport.Seconds(result.OpenSeconds)];
        yield return [$"First TPE trial: Ask + 5 suggests + Tell (reads all {trials})",
            StorageReport.Seconds(result.FirstTrialSeconds)];
        yield return ["Next TPE trial (reads what changed)", StorageReport.Seconds(result.NextTrialSeconds)];
        yield return [$"Then a read of all {trials} trials (GetAllTrials)",
            StorageReport.Seconds(result.RereadSeconds)];
        yield return ["Peak working set of the fresh process", Format.MiB(result.PeakBytes)];
        yield return ["Fresh process, start to exit", StorageReport.Seconds(result.ProcessSeconds)];
    }

    private string Verdict() =>
        $"Target: peak working set under {Format.MiB(TargetPeakBytes)}: {Format.MiB(result.PeakBytes)}, "
        + $"{StorageReport.Met(result.PeakBytes < TargetPeakBytes)}.";
}
