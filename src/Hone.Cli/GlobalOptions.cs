using System.CommandLine;

namespace Hone.Cli;

/// <summary>The options that several commands share, declared once so that they read the same everywhere.</summary>
internal static class GlobalOptions
{
    /// <summary>The name of the environment variable that gives the storage when <c>--storage</c> is absent.</summary>
    public const string StorageVariable = "HONE_STORAGE";

    public static Option<string?> Storage { get; } = new("--storage")
    {
        Description = "The storage URL: sqlite:///hone.db (a relative path; sqlite:////abs/path.db for an absolute "
            + "one), postgresql://user:pass@host/db, mysql://user:pass@host/db or journal:///abs/path.log. "
            + $"Defaults to the {StorageVariable} environment variable",
        Recursive = true,
        HelpName = "URL",
    };

    public static Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show the full error, with its stack trace, when a command fails",
        Recursive = true,
    };

    /// <summary>Creates the <c>--study</c> option of a command that works on one study.</summary>
    public static Option<string> Study(string description = "The study's name") => new("--study")
    {
        Description = description,
        Required = true,
        HelpName = "NAME",
    };

    /// <summary>Creates the <c>--format</c> option of a command that prints results.</summary>
    public static Option<OutputFormat> Format(OutputFormat defaultFormat = OutputFormat.Table) => new("--format", "-f")
    {
        Description = "How to print: table (for people), json or csv (for programs)",
        DefaultValueFactory = _ => defaultFormat,
        HelpName = "table|json|csv",
    };
}
