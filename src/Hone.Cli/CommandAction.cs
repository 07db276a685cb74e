using System.CommandLine;
using System.Data.Common;
using System.Text.Json;

namespace Hone.Cli;

/// <summary>Runs a command's work and turns what goes wrong into one line on standard error and an exit code.
/// </summary>
internal static class CommandAction
{
    /// <summary>Gets the source that Ctrl+C and SIGTERM cancel (see <see cref="HoneCommand.Run"/>).</summary>
    public static CancellationTokenSource Interrupt { get; } = new();

    private static int _criticalSteps;

    /// <summary>Gets whether a step runs that Ctrl+C must not cut half-way (see <see cref="CriticalStep"/>).
    /// </summary>
    public static bool InCriticalStep => Volatile.Read(ref _criticalSteps) > 0;

    /// <summary>Marks a step that must not be cut half-way, such as an import writing a new study: a Ctrl+C during
    /// it waits for it to end (the command then undoes it), and only a second Ctrl+C ends the process at once.
    /// </summary>
    /// <returns>The scope of the step; dispose it when the step ends.</returns>
    public static IDisposable CriticalStep()
    {
        Interlocked.Increment(ref _criticalSteps);
        return new StepScope();
    }

    /// <summary>Sets a command's action.</summary>
    public static void Set(Command command, Func<CliContext, int> work) =>
        command.SetAction(parse => Run(parse, work));

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types",
        Justification = "The command line's last stop: every failure becomes a message and an exit code.")]
    private static int Run(ParseResult parse, Func<CliContext, int> work)
    {
        bool verbose = parse.GetValue(GlobalOptions.Verbose);
        try
        {
            using var context = new CliContext(parse, Interrupt.Token);
            return work(context);
        }
        catch (OperationCanceledException) when (Interrupt.IsCancellationRequested)
        {
            Console.Error.WriteLine("hone: interrupted.");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (IsExpected(e))
        {
            string hint = e is StorageTimeoutException
                ? " From the command line, give SQLite a longer busy timeout with ?timeout=SECONDS at the end of the "
                    + "URL."
                : string.Empty;
            Console.Error.WriteLine($"hone: {Message(e)}{hint}");
            if (verbose)
            {
                Console.Error.WriteLine(e);
            }

            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            // A bug of hone rather than a mistake of the user: say so, and still print one line by default.
            Console.Error.WriteLine($"hone: unexpected {e.GetType().Name}: {Message(e)}");
            Console.Error.WriteLine(verbose ? e.ToString() : "Run again with --verbose to see where it happened.");
            return ExitCodes.Failure;
        }
    }

    private static bool IsExpected(Exception e) => e is CliException or HoneException or ArgumentException
        or KeyNotFoundException or InvalidOperationException or NotSupportedException or FormatException
        or JsonException or IOException or UnauthorizedAccessException or DbException or TimeoutException;

    /// <summary>Returns an exception's message without the "(Parameter 'x')" that ArgumentException appends,
    /// which names a variable of hone's code rather than anything the user typed.</summary>
    public static string Message(Exception e)
    {
        string message = e.Message;
        if (e is ArgumentException { ParamName: { } name })
        {
            message = message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal);
        }

        return message.ReplaceLineEndings(" ").Trim();
    }

    private sealed class StepScope : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref _criticalSteps);
            }
        }
    }
}
