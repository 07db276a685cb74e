using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace Hone.Storages;

public sealed partial class JournalStorage
{
    // Readers and writers of the log never exclude each other; only the lock file does (see AcquireFileLock).
    private const FileShare SharedAccess = FileShare.ReadWrite | FileShare.Delete;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(10);

    // Guarded by _stateLock: the studies replayed so far and the byte after the last complete line they came from.
    private StorageState _state = new();
    private long _offset;
    private bool _formatSeen;
    private bool _warned;
    private bool _disposed;
    private byte[] _buffer = new byte[64 * 1024];

    /// <summary>Makes one change: under the file lock, reads what others appended, encodes the change against the
    /// studies as they now stand, applies it (which checks it) and appends it to the log, flushed to disk.</summary>
    /// <param name="encode">Encodes the change, or returns <see langword="null"/> when there is nothing to write.
    /// </param>
    /// <returns>What applying the record returned.</returns>
    private object? Commit(Func<byte[]?> encode)
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var fileLock = AcquireFileLock();
            using var log = File.OpenHandle(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, SharedAccess);
            lock (_stateLock)
            {
                long length = CatchUp(log);
                if (encode() is not { } record)
                {
                    return null;
                }

                object? result;
                using (var document = JsonDocument.Parse(record, StorageJson.ReaderOptions))
                {
                    // Throws, before anything is written, when the change breaks the contract.
                    result = JournalRecords.Apply(_state, document.RootElement);
                }

                Append(log, length, record);
                return result;
            }
        }
    }

    /// <summary>Appends a record at the end of the log, after ending a torn last line and after the format line
    /// when the log has none yet, and flushes it to disk.</summary>
    private void Append(SafeFileHandle log, long length, byte[] record)
    {
        var parts = new List<ReadOnlyMemory<byte>>(3);
        if (length > _offset)
        {
            // A writer died in the middle of a line: end it, so that it becomes one line that every reader skips.
            WarnOnce(_offset, "a torn last line, ended so that the next record starts on a line of its own");
            parts.Add("\n"u8.ToArray());
        }

        if (!_formatSeen)
        {
            parts.Add(JournalRecords.Format());
        }

        parts.Add(record);
        bool written = false;
        try
        {
            RandomAccess.Write(log, parts, length);
            RandomAccess.FlushToDisk(log);
            written = true;
        }
        finally
        {
            if (!written)
            {
                // The state holds a change that the file may lack: rebuild it from the file at the next call.
                _state = new StorageState();
                _offset = 0;
                _formatSeen = false;
            }
        }

        _offset = length + parts.Sum(p => p.Length);
        _formatSeen = true;
    }

    /// <summary>Applies the complete lines appended since the last read and returns the length of the file.
    /// </summary>
    /// <remarks>A last line without its <c>'\n'</c> is left for later: it is being written, or its writer died
    /// and the next writer will end it.</remarks>
    private long CatchUp(SafeFileHandle log)
    {
        long length = RandomAccess.GetLength(log);
        if (length < _offset)
        {
            throw new IOException(
                $"The journal '{_path}' is shorter ({Invariant(length)} bytes) than what this storage already read "
                + $"({Invariant(_offset)} bytes): it was truncated or replaced while in use. Open the storage again.");
        }

        long position = _offset;
        int pending = 0;
        while (position + pending < length)
        {
            if (pending == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            int count = (int)Math.Min(_buffer.Length - pending, length - position - pending);
            int read = RandomAccess.Read(log, _buffer.AsSpan(pending, count), position + pending);
            if (read == 0)
            {
                break;
            }

            int end = pending + read;
            int start = 0;
            int newline;
            while ((newline = _buffer.AsSpan(start, end - start).IndexOf((byte)'\n')) >= 0)
            {
                ApplyLine(_buffer.AsMemory(start, newline), position + start);
                start += newline + 1;
            }

            _buffer.AsSpan(start, end - start).CopyTo(_buffer);
            pending = end - start;
            position += start;
            _offset = position;
        }

        return length;
    }

    /// <summary>Replays one complete line; a line that cannot be read or applied is skipped with a warning.</summary>
    private void ApplyLine(ReadOnlyMemory<byte> line, long at)
    {
        if (line.IsEmpty)
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(line, StorageJson.ReaderOptions);
            var record = document.RootElement;
            if (record.GetProperty("op").ValueEquals("format"))
            {
                CheckFormat(record);
            }
            else
            {
                JournalRecords.Apply(_state, record);
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException
            or InvalidOperationException or ArgumentException or (HoneException and not StorageFormatException))
        {
            WarnOnce(at, e.Message);
        }
    }

    private void CheckFormat(JsonElement record)
    {
        int version = record.GetProperty("version").GetInt32();
        if (version > JournalRecords.FormatVersion)
        {
            throw new StorageFormatException(
                $"The journal '{_path}' is in format version {Invariant(version)}, but this version of Hone reads "
                + $"versions up to {Invariant(JournalRecords.FormatVersion)}; upgrade Hone to open it.");
        }

        _formatSeen = true;
    }

    /// <summary>Takes the exclusive lock on the lock file, retrying with a short backoff up to the timeout.
    /// </summary>
    /// <remarks>On Unix .NET backs <see cref="FileShare.None"/> with an advisory <c>flock</c>, which the kernel
    /// releases when the process dies, however it dies; on Windows the share mode itself excludes others.</remarks>
    private SafeFileHandle AcquireFileLock()
    {
        long started = Stopwatch.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            try
            {
                return File.OpenHandle(_lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException
                or PathTooLongException))
            {
                var waited = Stopwatch.GetElapsedTime(started);
                if (waited >= _lockTimeout)
                {
                    throw new StorageTimeoutException(
                        $"Could not lock the journal '{_path}' within {Invariant(_lockTimeout.TotalSeconds)} s: other "
                        + $"writers held '{_lockPath}' all along. Raise JournalStorageOptions.LockTimeout, or look "
                        + "for a hung process that holds the lock (a process that died releases it).", e);
                }

                Thread.Sleep(delay < _lockTimeout - waited ? delay : _lockTimeout - waited);
                delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
            }
        }
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    private void WarnOnce(long offset, string reason)
    {
        if (!_warned)
        {
            _warned = true;
            Log.JournalLineSkipped(_logger, offset, _path, reason);
        }
    }
}
