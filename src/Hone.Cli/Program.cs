using Hone.Cli;

return HoneCommand.Run(args);
