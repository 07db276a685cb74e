namespace Hone;

/// <summary>Reports that a best-trial accessor was used on a study with no completed trial.</summary>
public sealed class NoCompletedTrialsException : HoneException
{
    /// <summary>Creates the exception with its default message.</summary>
    public NoCompletedTrialsException()
        : base("The study has no completed trials yet, so it has no best trial.")
    {
    }

    /// <summary>Creates the exception with a message that says what happened and what to do.</summary>
    /// <param name="message">The message.</param>
    public NoCompletedTrialsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public NoCompletedTrialsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
