using System.CommandLine;
using System.Globalization;
using Hone.Storages;

namespace Hone.Cli.Commands;

/// <summary>export, import and copy-study: a study as one JSON document (see docs/study-document.md), in the spirit
/// of the seed document's GraphDef export and import.</summary>
internal static class TransferCommands
{
    public static Command Export()
    {
        var study = GlobalOptions.Study("The study to export");
        var output = new Option<string?>("--output", "-o")
        {
            Description = "The file to write [default: standard output]; it is replaced only once the whole "
                + "document is written",
            HelpName = "FILE",
        };
        var command = new Command("export",
            "Writes a study as one JSON document: its directions and attributes, and every trial with its "
            + "distributions, values, intermediate values and attributes. 'hone import' reads it back into any "
            + "storage.\n\n"
            + "Example:\n  hone export --storage sqlite:///hone.db --study digits --output digits.json")
        {
            study, output,
        };
        CommandAction.Set(command, context =>
        {
            var storage = context.Storage();
            string name = context.Get(study);
            if (storage.FindStudyId(name) is null)
            {
                throw new CliException(CliContext.NoStudy(name, storage));
            }

            if (context.Get(output) is not { } path)
            {
                using var stdout = Console.OpenStandardOutput();
                StudyDocument.Export(storage, name, stdout);
                return ExitCodes.Success;
            }

            // Written beside the target and moved over it at the end, so that a failure or Ctrl+C never leaves a
            // truncated document where a good one was.
            string full = Path.GetFullPath(path);
            if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
            {
                throw new CliException($"Cannot write {full}: the folder {folder} does not exist.");
            }

            string partial = full + ".partial-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            try
            {
                using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write))
                {
                    StudyDocument.Export(storage, name, file);
                }

                context.Cancellation.ThrowIfCancellationRequested();
                File.Move(partial, full, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }

            CliContext.Messages.WriteLine($"Exported study '{name}' to {full}.");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Import()
    {
        var input = new Option<string>("--input", "-i")
        {
            Description = "The document to read, or - for standard input",
            Required = true,
            HelpName = "FILE",
        };
        var study = new Option<string?>("--study")
        {
            Description = "A name for the imported study [default: the name in the document]",
            HelpName = "NAME",
        };
        var command = new Command("import",
            "Reads a document written by 'hone export' into a storage as a new study. The whole document is "
            + "checked first: a malformed or truncated one is refused with the line and field at fault, and "
            + "nothing is written.\n\n"
            + "Example:\n  hone import --storage postgresql://hone:secret@db/hone --input digits.json --study "
            + "digits-copy")
        {
            input, study,
        };
        CommandAction.Set(command, context =>
        {
            string path = context.Get(input);
            string? full = path == "-" ? null : Path.GetFullPath(path);
            if (full is not null && !File.Exists(full))
            {
                throw new CliException($"There is no file {full} to import.");
            }

            var storage = context.Storage(mayCreate: true);
            using var document = full is null ? Console.OpenStandardInput() : File.OpenRead(full);
            var summary = Uninterrupted(context, storage,
                () => StudyDocument.Import(storage, document, context.Get(study)));
            Report("Imported", summary);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CopyStudy()
    {
        var study = GlobalOptions.Study("The study to copy, in the --storage storage");
        var to = new Option<string>("--to")
        {
            Description = "The storage URL to copy the study into",
            Required = true,
            HelpName = "URL",
        };
        var toStudy = new Option<string?>("--to-study")
        {
            Description = "The copy's name [default: the same name]",
            HelpName = "NAME",
        };
        var command = new Command("copy-study",
            "Copies a study, with all its trials, into another storage (or into the same one under another "
            + "name), as export and import would.\n\n"
            + "Example:\n  hone copy-study --storage sqlite:///hone.db --study digits --to "
            + "postgresql://hone:secret@db/hone")
        {
            study, to, toStudy,
        };
        CommandAction.Set(command, context =>
        {
            var source = context.Storage();
            string name = context.Get(study);
            if (source.FindStudyId(name) is null)
            {
                throw new CliException(CliContext.NoStudy(name, source));
            }

            using var target = CliContext.Open(context.Get(to), mayCreate: true, role: "the target (--to)");
            Report("Copied", Uninterrupted(context, target,
                () => StudyDocument.Copy(source, name, target, context.Get(toStudy))));
            return ExitCodes.Success;
        });
        return command;
    }

    // Writes a new study as one critical step: Ctrl+C during it waits for it to end and then deletes the study, so
    // that an interrupted import leaves nothing behind (an import that fails by itself cleans up the same way).
    private static StudyDocumentSummary Uninterrupted(CliContext context, TrialStorage target,
        Func<StudyDocumentSummary> write)
    {
        context.Cancellation.ThrowIfCancellationRequested();
        StudyDocumentSummary summary;
        using (CommandAction.CriticalStep())
        {
            summary = write();
        }

        if (context.Cancellation.IsCancellationRequested)
        {
            target.DeleteStudy(summary.StudyId);
            CliContext.Messages.WriteLine($"Interrupted: study '{summary.StudyName}' was removed again.");
            throw new OperationCanceledException(context.Cancellation);
        }

        return summary;
    }

    private static void Report(string verb, StudyDocumentSummary summary)
    {
        CliContext.Messages.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{verb} study '{summary.StudyName}' with {Trials(summary.TrialCount)}."));
        if (summary.ConvertedRunningTrials > 0)
        {
            int running = summary.ConvertedRunningTrials;
            string verbForm = running == 1 ? "was" : "were";
            CliContext.Messages.WriteLine(
                FormattableString.Invariant($"{running} of them {verbForm} running in the source; ")
                + "no worker will finish them in the copy, so they are failed there (system attribute "
                + "hone:imported_running).");
        }
    }

    private static string Trials(int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} trial{(count == 1 ? "" : "s")}");
}
