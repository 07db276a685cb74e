using System.CommandLine;
using Hone.Cli.Input;

namespace Hone.Cli.Commands;

internal static partial class AskTellCommands
{
    public static Command Enqueue()
    {
        var study = GlobalOptions.Study();
        var parameters = new Option<string>("--params")
        {
            Description = "The values to try, as a JSON object from parameter names to values",
            Required = true,
            HelpName = "JSON",
        };
        var userAttributes = new Option<string?>("--user-attrs")
        {
            Description = "User attributes for the trial, as a JSON object",
            HelpName = "JSON",
        };
        var skipIfExists = new Option<bool>("--skip-if-exists")
        {
            Description = "Do nothing when a trial with the same values exists or waits already",
        };
        var command = new Command("enqueue",
            "Queues parameter values for the next trial that 'hone ask' (or any worker) starts; parameters not "
            + "given are sampled as usual.\n\n"
            + "Example:\n  hone enqueue --storage sqlite:///hone.db --study quadratic --params '{\"x\": 0.5, \"opt\": "
            + "\"adam\"}'")
        {
            study, parameters, userAttributes, skipIfExists,
        };
        CommandAction.Set(command, context =>
        {
            var loaded = context.LoadStudy(context.Get(study));
            var values = ObjectOf(context.Get(parameters), "--params");
            var attributes = context.Get(userAttributes) is { } text ? ObjectOf(text, "--user-attrs") : null;
            bool queued = loaded.EnqueueTrial(values, attributes, context.Get(skipIfExists));
            CliContext.Messages.WriteLine(queued
                ? $"Queued a trial of study '{loaded.Name}'."
                : $"A trial with these values exists already in study '{loaded.Name}'; nothing was queued.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Dictionary<string, object?> ObjectOf(string text, string what)
    {
        using var document = JsonValues.Parse(text, what);
        return JsonValues.ToValue(document.RootElement) as Dictionary<string, object?>
            ?? throw new CliException($"{what} must be a JSON object, such as {{\"x\": 0.5}}.");
    }
}
