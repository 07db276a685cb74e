using Spectre.Console;

namespace Hone.Benchmarks.Infrastructure;

/// <summary>Keeps docs/benchmarks.md: a fixed header, then one section per benchmark between comment markers, so a
/// rerun of one benchmark replaces its own section and leaves the others as they are.</summary>
internal static class BenchmarksDocument
{
    /// <summary>The document's path inside the repository.</summary>
    public const string RelativePath = "docs/benchmarks.md";

    private const string Header = """
        # Benchmarks

        Every section below is written by the benchmark runner, `benchmarks/Hone.Benchmarks`, one subcommand per
        section; do not edit the sections by hand. A section states the exact command that produced it, the date and
        the machine, and a rerun of the command replaces that section only (it sits between `begin` and `end` HTML
        comment markers named after the benchmark). Figures are medians of repeated runs of a Release build.

        Comparisons with Optuna run both frameworks in the same invocation, on the same problem, with the same trial
        counts and seeds: the runner starts the Optuna side, a script in `benchmarks/optuna/`, with the system
        interpreter `/usr/bin/python3` and Optuna from the Debian package `python3-optuna`. When that package is
        missing the runner says so and reports Hone alone.

        """;

    /// <summary>Writes or replaces a benchmark's section, creating the document when it does not exist.</summary>
    /// <param name="path">The document's path.</param>
    /// <param name="benchmark">The benchmark's name, as in its markers.</param>
    /// <param name="body">The section's Markdown, without markers.</param>
    public static void WriteSection(string path, string benchmark, string body)
    {
        string begin = $"<!-- benchmark:{benchmark}:begin -->";
        string end = $"<!-- benchmark:{benchmark}:end -->";
        string section = $"{begin}\n{body.TrimEnd()}\n{end}";
        string text = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : Header;
        int from = text.IndexOf(begin, StringComparison.Ordinal);
        int to = from < 0 ? -1 : text.IndexOf(end, from, StringComparison.Ordinal);
        text = to >= 0
            ? string.Concat(text.AsSpan(0, from), section, text.AsSpan(to + end.Length))
            : $"{text.TrimEnd()}\n\n{section}\n";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text);
    }

    /// <summary>Writes a benchmark's section into the repository's docs/benchmarks.md and says so on the console;
    /// outside a repository (no Hone.slnx above the working directory) it says why nothing was written.</summary>
    /// <param name="benchmark">The benchmark's name, as in its markers.</param>
    /// <param name="body">The section's Markdown, without markers.</param>
    /// <param name="root">The repository root when already known; found from the working directory otherwise.</param>
    public static void Publish(string benchmark, string body, string? root = null)
    {
        root ??= Repository.FindRoot();
        if (root is null)
        {
            AnsiConsole.MarkupLine("[yellow]No Hone.slnx above the working directory: docs/benchmarks.md is not "
                + "written.[/]");
            return;
        }

        string path = Path.Combine(root, RelativePath);
        WriteSection(path, benchmark, body);
        AnsiConsole.MarkupLine(Markup.Escape($"Wrote the '{benchmark}' section of {path}."));
    }
}
