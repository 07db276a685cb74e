using System.CommandLine;
using Hone.Benchmarks.Overhead;

// One subcommand per benchmark; each prints its table and rewrites its own section of docs/benchmarks.md.
var root = new RootCommand("Benchmarks of Hone, compared with Optuna where Optuna is installed.")
{
    new OverheadCommand(),
    new Hone.Benchmarks.Quality.QualityCommand(),
    new Hone.Benchmarks.TpeSpeed.TpeSpeedCommand(),
};

return root.Parse(args).Invoke();
