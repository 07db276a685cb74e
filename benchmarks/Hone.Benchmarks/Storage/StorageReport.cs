using System.Text;
using Hone.Benchmarks.Infrastructure;
using Spectre.Console;

namespace Hone.Benchmarks.Storage;

/// <summary>Presents one part of the storage benchmark: console tables, and its section of docs/benchmarks.md.
/// </summary>
internal interface IStorageReport
{
    /// <summary>Gets whether the part broke (rather than skipped something for a stated reason); its section is
    /// then not written.</summary>
    bool Failed { get; }

    /// <summary>Writes the tables and verdicts to the console.</summary>
    void Print(MachineInfo machine);

    /// <summary>Returns the section, without its markers.</summary>
    string ToMarkdown(MachineInfo machine, DateTimeOffset date);
}

/// <summary>The pieces the storage reports share.</summary>
internal static class StorageReport
{
    /// <summary>Appends the command and the date and machine of the run.</summary>
    public static void AppendRun(StringBuilder text, string command, MachineInfo machine, DateTimeOffset date)
    {
        text.Append("Command, from the repository root:\n\n```sh\n").Append(command).Append("\n```\n\n");
        Markdown.AppendParagraph(text,
            $"Run on {date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} (UTC). "
            + $"Machine: {machine}.");
    }

    /// <summary>Writes a table to the console.</summary>
    public static void PrintTable(string title, IReadOnlyList<string> headers, IEnumerable<string[]> rows)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) };
        foreach (string header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned().NoWrap());
        }

        foreach (string[] row in rows)
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        AnsiConsole.WriteLine();
        AnsiConsole.Write(table);
    }

    /// <summary>Writes lines of text to the console.</summary>
    public static void PrintLines(params IEnumerable<string> lines)
    {
        foreach (string line in lines)
        {
            AnsiConsole.WriteLine(line);
        }
    }

    /// <summary>Formats a duration with three significant digits, in milliseconds below a second.</summary>
    public static string Seconds(double seconds) =>
        seconds < 1 ? Format.Ms(seconds * 1000) + " ms" : Format.Ms(seconds) + " s";

    /// <summary>Says whether a target was met.</summary>
    public static string Met(bool met) => met ? "met" : "MISSED";
}
