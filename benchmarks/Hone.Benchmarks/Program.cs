using System.CommandLine;
using Hone.Benchmarks.Overhead;
using Hone.Benchmarks.Pruning;
using Hone.Benchmarks.Quality;
using Hone.Benchmarks.Storage;
using Hone.Benchmarks.TpeSpeed;

// One subcommand per benchmark; each prints its table and rewrites its own section of docs/benchmarks.md.
var root = new RootCommand("Benchmarks of Hone, compared with Optuna where Optuna is installed.")
{
    new OverheadCommand(),
    new QualityCommand(),
    new TpeSpeedCommand(),
    new PruningCommand(),
    new StorageCommand(),
    new StorageWorkerCommand(),
};

return root.Parse(args).Invoke();
