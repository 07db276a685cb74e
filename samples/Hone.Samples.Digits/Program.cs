using System.CommandLine;
using Hone.Samples.Digits;
using Spectre.Console;

// The whole program is the command line: parse, then run the study (see DigitsApp).
// NOTE: System.CommandLine 2.0.0 leaves Ctrl+C unhandled unless a termination timeout is set explicitly, despite
// its docs; with one, Ctrl+C cancels the study, and the trials already finished are still reported.
var app = new DigitsApp(AnsiConsole.Console, TimeProvider.System);
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(10) };
return await DigitsCommand.Create(app.Run).Parse(args).InvokeAsync(invocation);
