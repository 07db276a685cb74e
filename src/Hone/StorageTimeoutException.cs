namespace Hone;

/// <summary>Reports that a storage could not get its turn to write within its timeout, because other writers held
/// the lock all along.</summary>
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
