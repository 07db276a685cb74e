namespace Hone;

/// <summary>Reports that no study with the requested name or id exists in the storage.</summary>
public sealed class StudyNotFoundException : HoneException
{
    /// <summary>Creates the exception with its default message.</summary>
    public StudyNotFoundException()
        : base("The study does not exist; create it first with Study.Create.")
    {
    }

    /// <summary>Creates the exception with a message that says what happened and what to do.</summary>
    /// <param name="message">The message.</param>
    public StudyNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public StudyNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
