using Hone.Pruners;
using Hone.Samplers;
using Hone.Storages;
using Microsoft.Extensions.Logging;

namespace Hone;

/// <summary>Configures <see cref="Study.Create"/> and <see cref="Study.Load(StudyOptions)"/>.</summary>
public sealed class StudyOptions
{
    private static readonly TimeSpan DefaultParameterWriteDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>Gets or sets the study's name, unique in its storage.</summary>
    /// <value>The default value is <see langword="null"/>: a unique name such as <c>no-name-…</c> is made up.
    /// </value>
    public string? Name { get; set; }

    /// <summary>Gets or sets where trials are kept.</summary>
    /// <value>The default value is <see langword="null"/>: a new <see cref="InMemoryStorage"/>.</value>
    public TrialStorage? Storage { get; set; }

    /// <summary>Gets or sets the sampler that decides parameter values.</summary>
    /// <value>The default value is <see langword="null"/>: a <see cref="TpeSampler"/> with its default options and
    /// no seed.</value>
    public Sampler? Sampler { get; set; }

    /// <summary>Gets or sets the pruner that stops hopeless trials early.</summary>
    /// <value>The default value is <see langword="null"/>: a <see cref="NopPruner"/>, which never prunes.</value>
    public Pruner? Pruner { get; set; }

    /// <summary>Gets or sets the direction of a single-objective study; cannot be combined with
    /// <see cref="Directions"/>.</summary>
    /// <value>The default value is <see langword="null"/>: <see cref="StudyDirection.Minimize"/> unless
    /// <see cref="Directions"/> is set.</value>
    public StudyDirection? Direction { get; set; }

    /// <summary>Gets or sets one direction per objective, for a multi-objective study.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IReadOnlyList<StudyDirection>? Directions { get; set; }

    /// <summary>Gets or sets, for a study of several objectives, the index of the objective that intermediate values
    /// track; setting it allows <see cref="Trial.Report"/> and a pruner there, which compares trials by that
    /// objective's direction.</summary>
    /// <value>The default value is <see langword="null"/>: objective 0 of a single-objective study; a study of
    /// several objectives then refuses intermediate values and any pruner but <see cref="NopPruner"/>.</value>
    public int? PruningObjective { get; set; }

    /// <summary>Gets or sets heartbeats for this handle's trials, so that the trials of a worker that dies are failed
    /// by another worker instead of staying running for ever.</summary>
    /// <value>The default value is <see langword="null"/>: no heartbeats.</value>
    public HeartbeatOptions? Heartbeat { get; set; }

    /// <summary>Gets or sets a value indicating whether <see cref="Study.Create"/> continues an existing study of the
    /// same name instead of throwing <see cref="DuplicateStudyException"/>.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool LoadIfExists { get; set; }

    /// <summary>Gets or sets how long a running trial may keep suggested parameters before it writes them to
    /// storage, all in one call; <see cref="TimeSpan.Zero"/> writes each one as it is suggested.</summary>
    /// <value>The default value is 20 milliseconds. <see cref="InMemoryStorage"/>, where a write costs no round
    /// trip, ignores it and writes each parameter at once.</value>
    /// <remarks>
    /// <para>
    /// A trial writes its pending parameters this long after the first of them, and in any case before any other
    /// write of the trial (<see cref="Trial.Report"/>, <see cref="Trial.ShouldPrune"/>,
    /// <see cref="Trial.SetUserAttribute"/>, a heartbeat) and before it is finished, so a finished trial always has
    /// all its parameters. Other workers and dashboards see a running trial's parameters after at most this delay.
    /// The first use of a name by this study object is written at once, so that a conflict with another trial's
    /// distribution throws from the suggestion; later conflicts are found from what the study object has written.
    /// </para>
    /// <para>
    /// A worker killed within the delay leaves its trial without the pending parameters; that trial is failed by a
    /// heartbeat sweep, and <see cref="RetryFailedTrialCallback"/> then enqueues it again without them (they are
    /// sampled afresh). An error of a delayed write is thrown by the trial's next synchronous operation.
    /// </para>
    /// </remarks>
    public TimeSpan ParameterWriteDelay { get; set; } = DefaultParameterWriteDelay;

    /// <summary>Gets or sets where log messages go (one Information line per finished trial).</summary>
    /// <value>The default value is <see langword="null"/>: nothing is logged.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets or sets the clock for timestamps and timeouts.</summary>
    /// <value>The default value is <see langword="null"/>: <see cref="TimeProvider.System"/>.</value>
    public TimeProvider? TimeProvider { get; set; }
}
