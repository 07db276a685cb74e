namespace Hone;

/// <summary>Reports that a study with the requested name already exists in the storage.</summary>
public sealed class DuplicateStudyException : HoneException
{
    /// <summary>Creates the exception with its default message.</summary>
    public DuplicateStudyException()
        : base("A study with this name already exists; pass LoadIfExists = true to continue it.")
    {
    }

    /// <summary>Creates the exception with a message that says what happened and what to do.</summary>
    /// <param name="message">The message.</param>
    public DuplicateStudyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DuplicateStudyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
