namespace Hone;

/// <summary>Reports that a storage could not get its turn to write within its timeout: other writers held the lock
/// all along, or the database kept refusing the write as a conflict (a deadlock, a serialization failure) however
/// often it was retried.</summary>
/// <remarks>Nothing of the failed write was kept, so the call can be retried as it is once the storage is less busy.
/// </remarks>
public sealed class StorageTimeoutException : HoneException
{
    /// <summary>Creates the exception with its default message.</summary>
    public StorageTimeoutException()
        : base("The storage stayed locked by other writers for longer than its timeout; raise the timeout or run "
            + "fewer writers at once.")
    {
    }

    /// <summary>Creates the exception with a message that says what happened and what to do.</summary>
    /// <param name="message">The message.</param>
    public StorageTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public StorageTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
