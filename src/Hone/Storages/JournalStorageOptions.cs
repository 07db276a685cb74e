using Microsoft.Extensions.Logging;

namespace Hone.Storages;

/// <summary>Configures a <see cref="JournalStorage"/>.</summary>
public sealed class JournalStorageOptions
{
    /// <summary>Gets or sets how long a write waits for the lock file while other writers hold it before it throws
    /// <see cref="StorageTimeoutException"/>. Must be positive.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets where the storage logs its warnings (a skipped line of the journal, once per storage).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: nothing is logged.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets or sets the clock for trial timestamps.</summary>
    /// <value>The default value is <see langword="null"/>: <see cref="TimeProvider.System"/>.</value>
    public TimeProvider? TimeProvider { get; set; }
}
