using Microsoft.Extensions.Logging;

namespace Hone.Storages.Sql;

/// <summary>Declares the log messages of the relational storage.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = HoneEventIds.StorageOperationRetried, EventName = "StorageOperationRetried",
        Level = LogLevel.Debug,
        Message = "{Storage} met a transient conflict in {Operation} ({Reason}); attempt {Attempt} of {Attempts} "
            + "follows in {DelayMilliseconds} ms")]
    public static partial void Retrying(ILogger logger, string storage, string operation, string reason,
        int attempt, int attempts, long delayMilliseconds);
}
