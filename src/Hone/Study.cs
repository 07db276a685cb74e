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

    private Study(
        TrialStorage storage, long studyId, string name, IReadOnlyList<StudyDirection> directions, StudyOptions options)
    {
        Storage = storage;
        StudyId = studyId;
        Name = name;
        Directions = directions;
        Sampler = options.Sampler ?? new TpeSampler();
        Pruner = options.Pruner ?? new NopPruner();
        Logger = options.LoggerFactory?.CreateLogger("Hone.Study") ?? NullLogger.Instance;
        Time = options.TimeProvider ?? TimeProvider.System;
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
    public IReadOnlyList<FrozenTrial> Trials => Storage.GetAllTrials(StudyId);

    /// <summary>Gets the study's user attributes.</summary>
    public IReadOnlyDictionary<string, object?> UserAttributes => Storage.GetStudyUserAttributes(StudyId);

    internal ILogger Logger { get; }

    internal TimeProvider Time { get; }

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
        var storage = options.Storage ?? new InMemoryStorage(options.TimeProvider);
        string name = options.Name ?? $"no-name-{Guid.NewGuid()}";
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
        var study = new Study(
            options.Storage, studyId, options.Name, options.Storage.GetStudyDirections(studyId), options);
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
        Storage.GetAllTrials(StudyId, states.Count == 0 ? null : states);

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
