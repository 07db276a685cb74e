namespace Hone;

/// <summary>Reports that a storage holds data in a format this version of Hone does not know, typically one written
/// by a newer version.</summary>
public sealed class StorageFormatException : HoneException
{
    /// <summary>Creates the exception with its default message.</summary>
    public StorageFormatException()
        : base("The storage was written in a format this version of Hone does not know; upgrade Hone to read it.")
    {
    }

    /// <summary>Creates the exception with a message that says what happened and what to do.</summary>
    /// <param name="message">The message.</param>
    public StorageFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public StorageFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
