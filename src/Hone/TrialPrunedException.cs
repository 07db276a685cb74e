namespace Hone;

/// <summary>Signals from inside an objective that the current trial should stop and be recorded as pruned.</summary>
public sealed class TrialPrunedException : HoneException
{
    /// <summary>Creates the exception with its default message.</summary>
    public TrialPrunedException()
        : base("The trial was pruned.")
    {
    }

    /// <summary>Creates the exception with a message that says what happened and what to do.</summary>
    /// <param name="message">The message.</param>
    public TrialPrunedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TrialPrunedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
