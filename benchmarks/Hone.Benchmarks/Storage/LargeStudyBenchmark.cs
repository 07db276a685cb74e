using System.Diagnostics;
using System.Globalization;
using Hone.Benchmarks.Infrastructure;
using Hone.Samplers;
using Spectre.Console;

namespace Hone.Benchmarks.Storage;

/// <summary>Runs the large-study part: builds a study of many completed trials in an SQLite file through
/// <c>Study.AddTrial</c>, then has a fresh process open it and sample with TPE.</summary>
internal static class LargeStudyBenchmark
{
    private const int ProgressEvery = 10_000;

    /// <summary>Builds the study (or reuses the one at <see cref="StorageSettings.LargePath"/>) and measures it
    /// from a fresh process.</summary>
    public static LargePartResult Run(StorageSettings settings)
    {
        using var target = BackendTarget.Prepare(StorageBackend.Sqlite);
        string built = settings.LargePath is { } kept
            ? "sqlite:///" + Path.GetFullPath(kept)
            : target.UrlFor("built")!;
        string builtFile = built["sqlite:///".Length..];
        double? build = ExistingTrials(built) == settings.LargeTrials ? null : Build(built, settings);
        if (build is null)
        {
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"Reusing the study of {Format.Count(settings.LargeTrials)} trials in {builtFile}.")));
        }

        // The fresh process adds trials, so it works on a copy: a kept file stays as it was built, for next time.
        string url = target.UrlFor("opened")!;
        string file = url["sqlite:///".Length..];
        long fileBytes = 0;
        foreach (string suffix in new[] { "", "-wal" })
        {
            if (File.Exists(builtFile + suffix))
            {
                File.Copy(builtFile + suffix, file + suffix);
                fileBytes += new FileInfo(file + suffix).Length;
            }
        }

        AnsiConsole.MarkupLine("Opening it in a fresh process...");
        using var worker = WorkerProcess.Start(
        [
            "open", "--url", url, "--study", LargeStudy.Name,
            "--seed", settings.Common.Seed.ToString(CultureInfo.InvariantCulture),
        ]);
        var answer = worker.Read();
        double process = worker.WaitForExit();
        int seen = answer.GetProperty("trials").GetInt32();
        if (seen != settings.LargeTrials + 2)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The fresh process saw {seen} trials after adding 2 to {settings.LargeTrials}."));
        }

        return new LargePartResult(
            settings.LargeTrials,
            build,
            fileBytes,
            answer.GetProperty("open_seconds").GetDouble(),
            answer.GetProperty("first_seconds").GetDouble(),
            answer.GetProperty("next_seconds").GetDouble(),
            answer.GetProperty("reread_seconds").GetDouble(),
            answer.GetProperty("peak_bytes").GetInt64(),
            process);
    }

    /// <summary>Returns how many trials the study at the URL holds, or −1 when there is no such study.</summary>
    private static int ExistingTrials(string url)
    {
        string file = url["sqlite:///".Length..];
        if (!File.Exists(file))
        {
            return -1;
        }

        using var storage = BackendTarget.OpenUrl(url);
        return storage.FindStudyId(LargeStudy.Name) is { } id ? storage.GetAllTrials(id).Count : -1;
    }

    /// <summary>Adds the completed trials one by one through <c>Study.AddTrial</c>, the public path: one transaction
    /// per trial, no hand-written SQL.</summary>
    private static double Build(string url, StorageSettings settings)
    {
        string file = url["sqlite:///".Length..];
        foreach (string stale in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(stale);
        }

        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Building a study of {Format.Count(settings.LargeTrials)} completed trials in {file}...")));
        var clock = Stopwatch.StartNew();
        using var storage = BackendTarget.OpenUrl(url);
        var study = Study.Create(new StudyOptions
        {
            Name = LargeStudy.Name,
            Storage = storage,
            Sampler = new RandomSampler(settings.Common.Seed),
        });
        var random = new Random(settings.Common.Seed);
        for (int i = 0; i < settings.LargeTrials; i++)
        {
            study.AddTrial(LargeStudy.RandomTrial(random));
            if ((i + 1) % ProgressEvery == 0)
            {
                AnsiConsole.MarkupLine($"[grey]{Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"{Format.Count(i + 1)} trials, {clock.Elapsed.TotalSeconds:0.0} s"))}[/]");
            }
        }

        return clock.Elapsed.TotalSeconds;
    }
}
