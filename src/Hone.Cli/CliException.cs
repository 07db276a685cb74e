namespace Hone.Cli;

/// <summary>A mistake in what the user asked for: printed as one line, with what to do, and exit code 1.</summary>
internal sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
