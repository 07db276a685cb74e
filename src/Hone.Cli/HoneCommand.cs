using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.InteropServices;
using Hone.Cli.Commands;

namespace Hone.Cli;

/// <summary>Builds the <c>hone</c> command tree and runs it: one line per error, exit codes that scripts can rely
/// on, and Ctrl+C that cancels the running command instead of killing it half-way.</summary>
internal static class HoneCommand
{
    // Ctrl+C first asks the command to stop; a command that does not stop within this time is ended anyway.
    private static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(5);

    public static int Run(string[] args)
    {
        var root = Create();
        // No response files: a value such as @space.json or @team is the user's, not a file of arguments.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine($"hone: {OneLine(error.Message)}");
            }

            string command = CommandLine(parse.CommandResult);
            Console.Error.WriteLine($"Run '{command} --help' for usage and an example.");
            return ExitCodes.Usage;
        }

        var interrupt = CommandAction.Interrupt;
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Interrupt(c, interrupt));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Interrupt(c, interrupt));
        // The handlers above replace System.CommandLine's own, which would end the process after its timeout.
        return parse.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null }) switch
        {
            _ when interrupt.IsCancellationRequested => ExitCodes.Interrupted,
            var code => code,
        };

        static void Interrupt(PosixSignalContext context, CancellationTokenSource interrupt)
        {
            context.Cancel = true;
            if (interrupt.IsCancellationRequested)
            {
                // A second Ctrl+C: the user wants out now.
                Environment.Exit(ExitCodes.Interrupted);
            }

            interrupt.Cancel();
            if (CommandAction.InCriticalStep)
            {
                Console.Error.WriteLine(
                    "hone: stopping once the storage has finished the current step, which is then undone (Ctrl+C "
                    + "again to quit at once).");
            }
            else
            {
                // A storage call that blocks (a server that does not answer) cannot see the token: end the process
                // after a grace period all the same. A critical step (an import) is waited for instead, and undone.
                _ = Task.Delay(InterruptGrace).ContinueWith(
                    _ =>
                    {
                        Console.Error.WriteLine(
                            $"hone: interrupted; the storage did not answer within {InterruptGrace.TotalSeconds} s.");
                        Environment.Exit(ExitCodes.Interrupted);
                    },
                    TaskScheduler.Default);
            }
        }
    }

    // Parse errors in one line each, in the user's words rather than .NET's type names.
    private static string OneLine(string message)
    {
        string line = string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Trim()));
        return line
            .Replace("as expected type 'System.Int32'", "as a whole number", StringComparison.Ordinal)
            .Replace("as expected type 'System.Int64'", "as a whole number", StringComparison.Ordinal)
            .Replace("as expected type 'System.Double'", "as a number", StringComparison.Ordinal);
    }

    /// <summary>Creates the command tree.</summary>
    /// <remarks>A command named <c>hone</c> rather than a <see cref="RootCommand"/>, which takes its name from the
    /// program's file: the help would say <c>Hone.Cli</c>, also for the installed tool. The root command's help and
    /// version options are added by hand.</remarks>
    public static Command Create()
    {
        var root = new Command(
            "hone",
            "Hone: define-by-run hyperparameter optimization. Lists and edits studies kept in a storage, runs a study "
            + "from any language with ask and tell, exports and imports studies, and draws histograms.");
        root.Options.Add(new System.CommandLine.Help.HelpOption());
        root.Options.Add(new VersionOption());
        root.Options.Add(GlobalOptions.Storage);
        root.Options.Add(GlobalOptions.Verbose);
        foreach (var command in new[]
        {
            StudyCommands.Studies(), StudyCommands.StudyNames(), StudyCommands.CreateStudy(),
            StudyCommands.DeleteStudy(), StudyCommands.Study(),
            TrialCommands.Trials(), TrialCommands.BestTrial(), TrialCommands.BestTrials(),
            AskTellCommands.Ask(), AskTellCommands.Tell(), AskTellCommands.Report(), AskTellCommands.Enqueue(),
            TransferCommands.Export(), TransferCommands.Import(), TransferCommands.CopyStudy(),
            HistogramCommand.Create(), StorageCommands.Storage(),
        })
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    // "hone study set-user-attr": the command the parse reached, after its parents.
    private static string CommandLine(CommandResult? result)
    {
        var names = new List<string>();
        for (; result is not null; result = result.Parent as CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', names);
    }
}
