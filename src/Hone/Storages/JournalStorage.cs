using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace Hone.Storages;

/// <summary>Keeps studies in an append-only log file of changes, which threads and processes on one machine, or on
/// several through a network file system, share.</summary>
/// <remarks>
/// <para>
/// Each change is one line of UTF-8 JSON ended by <c>'\n'</c>. Every storage object rebuilds the studies by replaying
/// the file from its start, then reads only what was appended since its last read. Identifiers and trial numbers
/// follow from the order of the lines, so every process computes the same ones.
/// </para>
/// <para>
/// A write takes an exclusive lock on a file beside the log (the log's path plus <c>.lock</c>), reads what others
/// appended, checks the change against the studies as they now stand (so that a waiting trial is claimed once,
/// trial numbers stay dense, a finished trial refuses changes and a conflicting distribution is refused whichever
/// process wrote first), appends the line, flushes it to disk and releases the lock. The lock is an advisory
/// lock that the operating system drops when the process holding it dies, so a crashed writer never leaves the
/// storage locked. A write that waits longer than <see cref="JournalStorageOptions.LockTimeout"/> throws
/// <see cref="StorageTimeoutException"/>. Setting the environment variable
/// <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c> turns .NET's file locks off and with them this protection.
/// </para>
/// <para>
/// A writer that dies in the middle of a write leaves a torn last line. Readers stop at the last complete line, so
/// they never see part of a record; the next writer ends the fragment with <c>'\n'</c> before it appends, and every
/// reader then skips that line (logging a warning once). The records before and after it are intact.
/// </para>
/// </remarks>
public sealed partial class JournalStorage : TrialStorage
{
    private readonly string _path;
    private readonly string _lockPath;
    private readonly TimeSpan _lockTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _writeLock = new();
    private readonly Lock _stateLock = new();
    private readonly SafeFileHandle _reader;

    /// <summary>Opens the journal at <paramref name="path"/>, creating an empty one when the file does not exist,
    /// and replays it.</summary>
    /// <param name="path">The log file; its directory must exist. The lock file is created beside it.</param>
    /// <param name="options">The lock timeout, logger and clock; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The path is empty or the lock timeout is not positive.</exception>
    /// <exception cref="StorageFormatException">The journal was written by a newer version of Hone.</exception>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    public JournalStorage(string path, JournalStorageOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new JournalStorageOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.LockTimeout, TimeSpan.Zero, nameof(options));
        _path = System.IO.Path.GetFullPath(path);
        _lockPath = _path + ".lock";
        _lockTimeout = options.LockTimeout;
        _time = options.TimeProvider ?? TimeProvider.System;
        _logger = options.LoggerFactory?.CreateLogger<JournalStorage>() ?? NullLogger<JournalStorage>.Instance;
        _reader = File.OpenHandle(_path, FileMode.OpenOrCreate, FileAccess.Read, SharedAccess);
        try
        {
            lock (_stateLock)
            {
                CatchUp(_reader);
            }
        }
        catch
        {
            _reader.Dispose();
            throw;
        }
    }

    /// <summary>Gets the full path of the log file.</summary>
    public string FilePath => _path;

    /// <inheritdoc />
    public override long? FindStudyId(string name) => Read(state => state.FindStudyId(name));

    /// <inheritdoc />
    public override string GetStudyName(long studyId) => Read(state => state.GetStudyName(studyId));

    /// <inheritdoc />
    public override IReadOnlyList<StudyDirection> GetStudyDirections(long studyId) =>
        Read(state => state.GetStudyDirections(studyId));

    /// <inheritdoc />
    public override IReadOnlyList<StudySummary> GetAllStudies() => Read(state => state.GetAllStudies());

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetStudyUserAttributes(long studyId) =>
        Read(state => state.GetStudyAttributes(studyId, system: false));

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetStudySystemAttributes(long studyId) =>
        Read(state => state.GetStudyAttributes(studyId, system: true));

    /// <inheritdoc />
    public override FrozenTrial GetTrial(long trialId) => Read(state => state.GetTrial(trialId));

    /// <inheritdoc />
    public override IReadOnlyList<FrozenTrial> GetAllTrials(
        long studyId, IReadOnlyCollection<TrialState>? states = null) =>
        Read(state => state.GetAllTrials(studyId, states));

    /// <inheritdoc />
    public override FrozenTrial? FindBestTrial(long studyId) => Read(state => state.FindBestTrial(studyId));

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_writeLock)
            {
                lock (_stateLock)
                {
                    _disposed = true;
                    _reader.Dispose();
                }
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Reads what others appended, then answers from the studies as they now stand.</summary>
    private T Read<T>(Func<StorageState, T> read)
    {
        lock (_stateLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CatchUp(_reader);
            return read(_state);
        }
    }
}
