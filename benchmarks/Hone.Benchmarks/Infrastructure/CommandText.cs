namespace Hone.Benchmarks.Infrastructure;

/// <summary>Spells out the command that is running, to be recorded with its results.</summary>
internal static class CommandText
{
    /// <summary>The way to start the runner from the repository root.</summary>
    public const string Runner = "dotnet run -c Release --project benchmarks/Hone.Benchmarks --";

    /// <summary>Returns the runner's command line with this process's arguments, quoted for a POSIX shell where
    /// needed.</summary>
    public static string Current() =>
        string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Select(Quote).Prepend(Runner));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_.,=/:+".Contains(c))
            ? argument
            : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
