using System.Collections.Concurrent;
using Hone.Pruners;
using Hone.Samplers;
using Hone.Storages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hone;

/// <summary>Runs an optimization: hands out trials, records their results and knows the best so far.</summary>
/// <remarks>
/// A study lives in a <see cref="TrialStorage"/>; the <see cref="Study"/> object is a handle to it, and several
/// handles (threads, processes) may work on the same study at once. Create one with <see cref="Create"/>, run it
/// with <see cref="Optimize(Func{Trial, double}, int?, TimeSpan?, int, IReadOnlyCollection{Type}?,
/// IReadOnlyList{Action{Study, FrozenTrial}}?, CancellationToken)"/> or drive it with <see cref="Ask"/> and
/// <see cref="Tell(Trial, double)"/>.
/// </remarks>
public sealed partial class Study
{
    private readonly ConcurrentDictionary<string, bool> _warnings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<OptimizeLoop, bool> _loops = new();
    private readonly ConcurrentDictionary<int, Study> _samplerViews = new();

    // Set on the views that a pruner gives the sampler (see PartitionView): the trials they show.
    private readonly Func<FrozenTrial, bool>? _filter;

    private Study(
        TrialStorage storage, long studyId, string name, IReadOnlyList<StudyDirection> directions, StudyOptions options)
    {
        Storage = storage;
        StudyId = studyId;
        Name = name;
        Directions = directions;
        Sampler = options.Sampler ?? new TpeSampler();
        Pruner = options.Pruner ?? new NopPruner();
        PruningObjective = directions.Count == 1 ? 0 : options.PruningObjective;
        Heartbeat = options.Heartbeat is { } heartbeat
            ? new HeartbeatOptions
            {
                Interval = heartbeat.Interval,
                GracePeriod = heartbeat.GracePeriod,
                StaleTrialCallback = heartbeat.StaleTrialCallback,
            }
            : null;
        Logger = options.LoggerFactory?.CreateLogger("Hone.Study") ?? NullLogger.Instance;
        Time = options.TimeProvider ?? TimeProvider.System;
        // In memory a write costs as little as keeping it, so a trial writes at once there.
        ParameterWriteDelay = storage.WritesInProcess ? TimeSpan.Zero : options.ParameterWriteDelay;
    }

    /// <summary>Creates a view of <paramref name="parent"/> that shows only the trials the filter keeps.</summary>
    private Study(Study parent, Func<FrozenTrial, bool> filter)
    {
        Storage = parent.Storage;
        StudyId = parent.StudyId;
        Name = parent.Name;
        Directions = parent.Directions;
        Sampler = parent.Sampler;
        Pruner = parent.Pruner;
        PruningObjective = parent.PruningObjective;
        Heartbeat = parent.Heartbeat;
        Logger = parent.Logger;
        Time = parent.Time;
        ParameterWriteDelay = parent.ParameterWriteDelay;
        _filter = filter;
    }

    /// <summary>Gets the study's name.</summary>
    public string Name { get; }

    /// <summary>Gets the study's identifier in its storage.</summary>
    public long StudyId { get; }

    /// <summary>Gets the storage that keeps the study.</summary>
    public TrialStorage Storage { get; }

    /// <summary>Gets the sampler that decides parameter values.</summary>
    public Sampler Sampler { get; }

    /// <summary>Gets the pruner that stops hopeless trials.</summary>
    public Pruner Pruner { get; }

    /// <summary>Gets the index of the objective that intermediate values track: 0 in a single-objective study,
    /// <see cref="StudyOptions.PruningObjective"/> in a study of several, where it may be <see langword="null"/>.
    /// </summary>
    public int? PruningObjective { get; }

    /// <summary>Gets the direction of the objective that intermediate values track, by which pruners compare
    /// trials.</summary>
    /// <exception cref="InvalidOperationException">The study has several objectives and
    /// <see cref="StudyOptions.PruningObjective"/> was not set.</exception>
    public StudyDirection PruningDirection => PruningObjective is { } objective
        ? Directions[objective]
        : throw new InvalidOperationException(NoPruningObjectiveMessage("intermediate values and pruning"));

    /// <summary>Gets one direction per objective.</summary>
    public IReadOnlyList<StudyDirection> Directions { get; }

    /// <summary>Gets the direction of a single-objective study.</summary>
    /// <exception cref="InvalidOperationException">The study has several objectives; use <see cref="Directions"/>.
    /// </exception>
    public StudyDirection Direction => Directions.Count == 1
        ? Directions[0]
        : throw new InvalidOperationException(
            $"Study '{Name}' has {Directions.Count} objectives; read Directions instead of Direction.");

    /// <summary>Gets a snapshot of every trial, in number order.</summary>
    public IReadOnlyList<FrozenTrial> Trials => Filter(Storage.GetAllTrials(StudyId));

    /// <summary>Gets the study's user attributes.</summary>
    public IReadOnlyDictionary<string, object?> UserAttributes => Storage.GetStudyUserAttributes(StudyId);

    internal ILogger Logger { get; }

    internal TimeProvider Time { get; }

    /// <summary>Gets how long a trial keeps suggested parameters before writing them; see
    /// <see cref="StudyOptions.ParameterWriteDelay"/>.</summary>
    internal TimeSpan ParameterWriteDelay { get; }

    /// <summary>Creates a study, or continues an existing one when <see cref="StudyOptions.LoadIfExists"/> is set.
    /// </summary>
    /// <param name="options">The study's name, storage, directions, sampler and pruner.</param>
    /// <returns>The study.</returns>
    /// <exception cref="ArgumentException">Both <see cref="StudyOptions.Direction"/> and
    /// <see cref="StudyOptions.Directions"/> are set, or <see cref="StudyOptions.Directions"/> is empty.</exception>
    /// <exception cref="DuplicateStudyException">The study exists and <see cref="StudyOptions.LoadIfExists"/> is
    /// not set.</exception>
    public static Study Create(StudyOptions? options = null)
    {
        options ??= new StudyOptions();
        var directions = ResolveDirections(options);
        string name = options.Name ?? $"no-name-{Guid.NewGuid()}";
        ValidatePruning(name, directions, options);
        ValidateParameterWriteDelay(options);
        var storage = options.Storage ?? new InMemoryStorage(options.TimeProvider);
        ValidateHeartbeat(options, storage);
        long studyId;
        try
        {
            studyId = storage.CreateStudy(name, directions);
        }
        catch (DuplicateStudyException) when (options.LoadIfExists)
        {
            var existing = Load(options);
            if (!existing.Directions.SequenceEqual(directions))
            {
                throw new ArgumentException(
                    $"Study '{name}' exists with directions [{string.Join(", ", existing.Directions)}], but the "
                    + $"options ask for [{string.Join(", ", directions)}]; use the same directions or another name.",
                    nameof(options));
            }

            return existing;
        }

        var study = new Study(storage, studyId, name, directions, options);
        Log.StudyCreated(study.Logger, name);
        return study;
    }

    /// <summary>Opens an existing study; the directions come from the storage.</summary>
    /// <param name="options">The study's name and storage, and the sampler and pruner to use.</param>
    /// <returns>The study.</returns>
    /// <exception cref="ArgumentException">No name or no storage is given.</exception>
    /// <exception cref="StudyNotFoundException">There is no such study.</exception>
    public static Study Load(StudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Name is null || options.Storage is null)
        {
            throw new ArgumentException(
                "Loading a study needs its Name and the Storage that keeps it; both must be set.", nameof(options));
        }

        long studyId = options.Storage.GetStudyId(options.Name);
        var directions = options.Storage.GetStudyDirections(studyId);
        ValidatePruning(options.Name, directions, options);
        ValidateParameterWriteDelay(options);
        ValidateHeartbeat(options, options.Storage);
        var study = new Study(options.Storage, studyId, options.Name, directions, options);
        if (study.Logger.IsEnabled(LogLevel.Information))
        {
            int count = options.Storage.GetAllTrials(studyId).Count;
            Log.StudyLoaded(study.Logger, study.Name, count);
        }

        return study;
    }

    /// <summary>Opens an existing study with the default sampler and pruner.</summary>
    /// <param name="name">The study's name.</param>
    /// <param name="storage">The storage that keeps it.</param>
    /// <returns>The study.</returns>
    /// <exception cref="StudyNotFoundException">There is no such study.</exception>
    public static Study Load(string name, TrialStorage storage) =>
        Load(new StudyOptions { Name = name, Storage = storage });

    /// <summary>Deletes a study and all its trials from a storage.</summary>
    /// <param name="name">The study's name.</param>
    /// <param name="storage">The storage that keeps it.</param>
    /// <exception cref="StudyNotFoundException">There is no such study.</exception>
    public static void Delete(string name, TrialStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        storage.DeleteStudy(storage.GetStudyId(name));
    }

    /// <summary>Returns a snapshot of the trials in the given states, in number order.</summary>
    /// <param name="states">The states to keep; all trials when none is given.</param>
    /// <returns>The trials.</returns>
    public IReadOnlyList<FrozenTrial> GetTrials(params IReadOnlyCollection<TrialState> states) =>
        Filter(Storage.GetAllTrials(StudyId, states.Count == 0 ? null : states));

    /// <summary>Returns the study as the sampler should see it while it samples the trial numbered
    /// <paramref name="trialNumber"/>: the study itself, or, when the pruner partitions the trials (Hyperband's
    /// brackets), a view with only that trial's partition, one view object per partition.</summary>
    internal Study PartitionView(int trialNumber) =>
        _filter is null && Pruner.SamplerPartition(this, trialNumber) is { } key
        ? _samplerViews.GetOrAdd(key, k => new Study(this, t => Pruner.SamplerPartition(this, t.Number) == k))
        : this;

    private IReadOnlyList<FrozenTrial> Filter(IReadOnlyList<FrozenTrial> trials) =>
        _filter is null ? trials : [.. trials.Where(_filter)];

    /// <summary>Attaches a user attribute to the study.</summary>
    /// <param name="key">The attribute's name.</param>
    /// <param name="value">A JSON-serialisable value.</param>
    public void SetUserAttribute(string key, object? value) => Storage.SetStudyUserAttribute(StudyId, key, value);

    /// <summary>Asks every <c>Optimize</c> running on this study object to start no new trial; trials already
    /// running finish normally.</summary>
    /// <remarks>Safe to call from a callback, from the objective or from another thread. It has no effect when no
    /// <c>Optimize</c> runs, and does not carry over to a later one.</remarks>
    public void Stop()
    {
        foreach (var loop in _loops.Keys)
        {
            loop.Stop();
        }
    }

    /// <summary>Tells whether a once-per-study warning with this key is given for the first time.</summary>
    internal bool FirstTime(string key) => _warnings.TryAdd(key, true);

    /// <summary>Checks, before anything is stored, that a pruner of a study of several objectives knows which
    /// objective its intermediate values track.</summary>
    private static void ValidatePruning(string name, IReadOnlyList<StudyDirection> directions, StudyOptions options)
    {
        if (options.PruningObjective is { } objective && (objective < 0 || objective >= directions.Count))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                objective,
                $"'PruningObjective' must be the index of one of study '{name}''s {directions.Count} objectives "
                + $"(0 to {directions.Count - 1}), but got {objective}.");
        }

        if (directions.Count > 1 && options.PruningObjective is null && options.Pruner is { } pruner
            && pruner is not NopPruner)
        {
            throw new ArgumentException(
                $"Study '{name}' has {directions.Count} objectives, so {pruner.GetType().Name} cannot tell which "
                + "one the intermediate values track; set StudyOptions.PruningObjective to its index (0 to "
                + $"{directions.Count - 1}), or use no pruner.",
                nameof(options));
        }
    }

    private static void ValidateParameterWriteDelay(StudyOptions options)
    {
        if (options.ParameterWriteDelay < TimeSpan.Zero || options.ParameterWriteDelay > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                options.ParameterWriteDelay,
                $"'0 <= ParameterWriteDelay <= 1 hour' must hold, but got ParameterWriteDelay="
                + $"{options.ParameterWriteDelay}.");
        }
    }

    /// <summary>Explains that a multi-objective study needs <see cref="StudyOptions.PruningObjective"/>.</summary>
    internal string NoPruningObjectiveMessage(string what) =>
        $"Study '{Name}' has {Directions.Count} objectives and no StudyOptions.PruningObjective, so {what} "
        + $"cannot be used; set it to the index (0 to {Directions.Count - 1}) of the objective that intermediate "
        + "values track.";

    private static StudyDirection[] ResolveDirections(StudyOptions options)
    {
        if (options.Direction is not null && options.Directions is not null)
        {
            throw new ArgumentException(
                "Set either Direction (one objective) or Directions (several), not both.", nameof(options));
        }

        if (options.Directions is { Count: 0 })
        {
            throw new ArgumentException("Directions must name at least one direction, but got none.",
                nameof(options));
        }

        StudyDirection[] directions = options.Directions is { } d ? [.. d] : [options.Direction ?? default];
        foreach (var direction in directions)
        {
            if (!Enum.IsDefined(direction))
            {
                throw new ArgumentException($"Unknown direction {(int)direction}.", nameof(options));
            }
        }

        return directions;
    }
}
