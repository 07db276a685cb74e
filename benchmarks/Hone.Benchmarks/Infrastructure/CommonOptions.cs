using System.CommandLine;

namespace Hone.Benchmarks.Infrastructure;

/// <summary>Holds the options every benchmark command shares, so they read the same everywhere.</summary>
internal sealed class CommonOptions
{
    private readonly Option<int> _repeat;

    private readonly Option<int> _seed = new("--seed")
    {
        Description = "The sampler seed of the first run; run r uses seed + r, on both sides.",
        DefaultValueFactory = _ => 42,
    };

    private readonly Option<double> _warmup = new("--warmup")
    {
        Description = "Seconds of warm-up (JIT, imports) before anything is timed, on both sides.",
        DefaultValueFactory = _ => 1.0,
    };

    private readonly Option<string> _python = new("--python")
    {
        Description = "The interpreter that runs the Optuna side; Debian's python3-optuna installs for this one.",
        DefaultValueFactory = _ => OptunaWorker.SystemPython,
    };

    private readonly Option<bool> _noOptuna = new("--no-optuna")
    {
        Description = "Measure Hone alone, even when Optuna is installed.",
    };

    private readonly Option<bool> _noDocs = new("--no-docs")
    {
        Description = "Print the results without writing docs/benchmarks.md.",
    };

    /// <summary>Creates the options and their checks.</summary>
    /// <param name="defaultRepeat">The default of <c>--repeat</c>: 5, fewer for a benchmark whose runs are long.
    /// </param>
    public CommonOptions(int defaultRepeat = 5)
    {
        _repeat = new("--repeat")
        {
            Description = "How many times each measurement runs; the median is reported.",
            DefaultValueFactory = _ => defaultRepeat,
        };
        _repeat.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--repeat must be at least 1.");
            }
        });
        _warmup.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (>= 0 and <= 600))
            {
                result.AddError("--warmup must be between 0 and 600 seconds.");
            }
        });
    }

    /// <summary>Adds the shared options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_repeat);
        command.Options.Add(_seed);
        command.Options.Add(_warmup);
        command.Options.Add(_python);
        command.Options.Add(_noOptuna);
        command.Options.Add(_noDocs);
    }

    /// <summary>Reads the shared options from a parse result.</summary>
    public CommonSettings Read(ParseResult parse) => new(
        parse.GetValue(_repeat),
        parse.GetValue(_seed),
        parse.GetValue(_warmup),
        parse.GetValue(_python) ?? OptunaWorker.SystemPython,
        !parse.GetValue(_noOptuna),
        !parse.GetValue(_noDocs));
}
