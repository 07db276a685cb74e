using Microsoft.Extensions.Logging;

namespace Hone.Storages.Sql;

/// <summary>Configures a <see cref="RelationalStorage"/>.</summary>
public sealed class RelationalStorageOptions
{
    /// <summary>Gets or sets how long an SQLite operation waits for another process's write to end before it counts
    /// as busy (SQLite's busy timeout); a <c>timeout</c> in the URL, in seconds, overrides it. Must be positive.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    /// <remarks>PostgreSQL and MySQL wait for locks as their own settings say (<c>lock_timeout</c>,
    /// <c>innodb_lock_wait_timeout</c>).</remarks>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many times an operation that met a transient conflict (a busy SQLite database, a
    /// deadlock, a serialization failure, a lock wait that timed out) is run again before it throws
    /// <see cref="StorageTimeoutException"/>. Must not be negative.</summary>
    /// <value>The default value is 4.</value>
    public int MaxRetries { get; set; } = 4;

    /// <summary>Gets or sets the pause before the first retry; each later pause doubles, and a random part of up to
    /// half of it is added so that retrying processes do not meet again. Must not be negative.</summary>
    /// <value>The default value is 20 milliseconds.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Gets or sets where the storage logs its retries (at Debug level).</summary>
    /// <value>The default value is <see langword="null"/>: nothing is logged.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets or sets the clock for trial timestamps.</summary>
    /// <value>The default value is <see langword="null"/>: <see cref="TimeProvider.System"/>.</value>
    public TimeProvider? TimeProvider { get; set; }
}
