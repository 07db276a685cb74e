namespace Hone.Cli;

/// <summary>How a command prints its results.</summary>
internal enum OutputFormat
{
    /// <summary>Tables and text for people to read.</summary>
    Table,

    /// <summary>Strictly valid JSON; NaN and the infinities are the strings "NaN", "Infinity" and "-Infinity".
    /// </summary>
    Json,

    /// <summary>Comma-separated values with a header row (RFC 4180 quoting, LF line ends).</summary>
    Csv,
}
