using System.Data.Common;
using System.Globalization;
using Hone.Samplers;
using Hone.Storages;
using Hone.Storages.Sql;
using Hone.Samples.Digits.Data;
using Spectre.Console;

namespace Hone.Samples.Digits;

/// <summary>Runs the study with a progress bar and prints what it found.</summary>
internal sealed class DigitsApp
{
    private readonly IAnsiConsole _console;
    private readonly TimeProvider _time;

    public DigitsApp(IAnsiConsole console, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(time);
        _console = console;
        _time = time;
    }

    /// <summary>Runs the sample and returns the process exit code.</summary>
    public int Run(DigitsSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var started = _time.GetTimestamp();
        var path = settings.DataPath ?? DatasetLoader.FindDefault(Environment.CurrentDirectory)
            ?? DatasetLoader.FindDefault(AppContext.BaseDirectory);
        if (path is null)
        {
            _console.MarkupLine(
                $"[red]Found no {DatasetLoader.DefaultRelativePath} here or above; pass --data.[/]");
            return 1;
        }

        Dataset data;
        try
        {
            data = DatasetLoader.Load(path, settings.MaxSamples);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException)
        {
            // A wrong --data is a usage error: say what was wrong, without a stack trace.
            _console.MarkupLineInterpolated($"[red]Could not read the data: {e.Message}[/]");
            return 1;
        }

        var split = data.Split(settings.ValidationFraction, settings.Seed);
        _console.MarkupLineInterpolated(
            $"Data: [blue]{path}[/], {data.FeatureCount} features, {data.ClassCount} classes");
        _console.MarkupLineInterpolated(
            $"Split: {split.Train.Count} rows to train on, {split.Validation.Count} to validate on");
        using var storage = OpenStorage(settings.Storage);
        if (storage is null)
        {
            return 1;
        }

        var objective = new DigitsObjective(split, settings.Epochs, settings.BatchSize, settings.Seed);
        // A relational storage names itself without the password the URL may hold.
        AnnounceStudy(storage, (storage as CachedStorage)?.Inner is RelationalStorage sql ? sql.Url : settings.Storage);
        var study = Study.Create(new StudyOptions
        {
            Name = DigitsSettings.StudyName,
            Storage = storage,
            LoadIfExists = true,
            Sampler = settings.Sampler == "random"
                ? new RandomSampler(settings.Seed)
                : new TpeSampler(new TpeSamplerOptions { Seed = settings.Seed }),
            Pruner = DigitsPruners.Create(settings.Pruner, settings.Epochs),
            Direction = StudyDirection.Minimize,
        });
        var cancelled = false;
        try
        {
            RunWithProgress(study, objective, settings, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the trials that finished are still worth reporting; skip only the replay.
            cancelled = true;
            _console.MarkupLine("[yellow]Cancelled.[/]");
        }

        StudyReport.Write(_console, study, settings.Epochs, replay: cancelled ? null : objective.Evaluate);
        _console.MarkupLineInterpolated(
            CultureInfo.InvariantCulture, $"Elapsed: [bold]{_time.GetElapsedTime(started).TotalSeconds:F1} s[/]");
        return cancelled ? 130 : 0;
    }

    /// <summary>Opens the storage that <c>--storage</c> names, or prints why it cannot and returns null.</summary>
    private TrialStorage? OpenStorage(string storage)
    {
        if (string.Equals(storage, DigitsSettings.InMemoryStorage, StringComparison.OrdinalIgnoreCase))
        {
            return new InMemoryStorage(_time);
        }

        try
        {
            var sql = new SqlStorageProvider(new RelationalStorageOptions { TimeProvider = _time });
            return StorageUrl.Open(storage, [sql]);
        }
        catch (Exception e) when (e is ArgumentException or HoneException or IOException or DbException)
        {
            // A wrong --storage is a usage error (or an unreachable database): say what was wrong, briefly. The
            // messages name the part of the URL at fault; the URL itself may hold a password, so it is not echoed.
            _console.MarkupLineInterpolated($"[red]Could not open the storage given by --storage: {e.Message}[/]");
            return null;
        }
    }

    /// <summary>Says whether this run starts the study or continues one that an earlier run left.</summary>
    private void AnnounceStudy(TrialStorage storage, string where)
    {
        if (storage.FindStudyId(DigitsSettings.StudyName) is { } studyId)
        {
            int held = storage.GetAllTrials(studyId).Count;
            _console.MarkupLineInterpolated(
                $"Continuing study [blue]{DigitsSettings.StudyName}[/] in {where}: it already holds {held} trials.");
        }
        else
        {
            _console.MarkupLineInterpolated($"New study [blue]{DigitsSettings.StudyName}[/] in {where}.");
        }
    }

    private void RunWithProgress(
        Study study, DigitsObjective objective, DigitsSettings settings, CancellationToken cancellationToken)
    {
        _console.Progress()
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("Trials", maxValue: settings.Trials);
                var gate = new Lock();
                var best = double.PositiveInfinity;

                // Callbacks arrive on the study's worker threads, and Spectre's progress display is not thread-safe.
                void OnTrialFinished(Study _, FrozenTrial trial)
                {
                    lock (gate)
                    {
                        if (trial.State == TrialState.Complete && trial.Value < best)
                        {
                            best = trial.Value.Value;
                            task.Description = string.Create(
                                CultureInfo.InvariantCulture, $"Trials (best error {best * 100:F1}%)");
                        }

                        task.Increment(1);
                    }
                }

                study.Optimize(
                    objective.Evaluate,
                    trials: settings.Trials,
                    jobs: settings.Jobs,
                    callbacks: [OnTrialFinished],
                    cancellationToken: cancellationToken);
            });
    }
}
