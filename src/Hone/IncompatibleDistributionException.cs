namespace Hone;

/// <summary>Reports that a parameter was suggested with a distribution that conflicts with an earlier one of the
/// same name.</summary>
public sealed class IncompatibleDistributionException : HoneException
{
    /// <summary>Creates the exception with its default message.</summary>
    public IncompatibleDistributionException()
        : base("The parameter was suggested with a distribution that conflicts with an earlier one; use another name.")
    {
    }

    /// <summary>Creates the exception with a message that says what happened and what to do.</summary>
    /// <param name="message">The message.</param>
    public IncompatibleDistributionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public IncompatibleDistributionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
