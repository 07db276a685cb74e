namespace Hone;

/// <summary>Serves as the root of every exception that Hone throws on purpose.</summary>
public class HoneException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public HoneException()
    {
    }

    /// <summary>Creates an exception with a message that says what happened and what to do.</summary>
    /// <param name="message">The message.</param>
    public HoneException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HoneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
