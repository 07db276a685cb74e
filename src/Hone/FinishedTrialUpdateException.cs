namespace Hone;

/// <summary>Reports an attempt to change a trial that is already finished.</summary>
public sealed class FinishedTrialUpdateException : HoneException
{
    /// <summary>Creates the exception with its default message.</summary>
    public FinishedTrialUpdateException()
        : base("The trial is already finished and can no longer change.")
    {
    }

    /// <summary>Creates the exception with a message that says what happened and what to do.</summary>
    /// <param name="message">The message.</param>
    public FinishedTrialUpdateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public FinishedTrialUpdateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
