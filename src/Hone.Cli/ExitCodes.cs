namespace Hone.Cli;

/// <summary>The exit codes of the <c>hone</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command failed: bad input, a missing study, a storage that could not be reached.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself was wrong (an unknown option, a missing argument).</summary>
    public const int Usage = 2;

    /// <summary>Ctrl+C (SIGINT) stopped the command, as shells report it: 128 + 2.</summary>
    public const int Interrupted = 130;
}
