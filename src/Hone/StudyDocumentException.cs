namespace Hone;

/// <summary>Reports that a study document cannot be imported: it is not JSON, it ends early, or a field breaks a rule
/// of the format. The message names the line, the field and the rule, and echoes the value at fault.</summary>
/// <remarks>Thrown by <see cref="Storages.StudyDocument.Import"/> before anything is written to the storage.</remarks>
public sealed class StudyDocumentException : HoneException
{
    /// <summary>Creates the exception with its default message.</summary>
    public StudyDocumentException()
        : base("The study document is not valid; export it again with StudyDocument.Export.")
    {
    }

    /// <summary>Creates the exception with a message that says what happened and what to do.</summary>
    /// <param name="message">The message.</param>
    public StudyDocumentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public StudyDocumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a field at fault, with a message of the form
    /// <c>line 42, $.trials[3].params.x: problem</c>.</summary>
    /// <param name="lineNumber">The 1-based line of the field (or, for a truncated document, where the data ended).
    /// </param>
    /// <param name="path">The JSON path of the field, such as <c>$.trials[3].params.x</c>.</param>
    /// <param name="problem">What is wrong: the rule and the value.</param>
    public StudyDocumentException(long lineNumber, string path, string problem)
        : base(Compose(lineNumber, path, problem))
    {
        LineNumber = lineNumber;
        Path = path;
    }

    /// <summary>Creates the exception for a field at fault, with the exception that revealed the problem.</summary>
    /// <param name="lineNumber">The 1-based line of the field (or, for a truncated document, where the data ended).
    /// </param>
    /// <param name="path">The JSON path of the field, such as <c>$.trials[3].params.x</c>.</param>
    /// <param name="problem">What is wrong: the rule and the value.</param>
    /// <param name="innerException">The cause.</param>
    public StudyDocumentException(long lineNumber, string path, string problem, Exception innerException)
        : base(Compose(lineNumber, path, problem), innerException)
    {
        LineNumber = lineNumber;
        Path = path;
    }

    /// <summary>Gets the 1-based line of the field at fault, or <see langword="null"/> when the exception was made
    /// without one.</summary>
    public long? LineNumber { get; }

    /// <summary>Gets the JSON path of the field at fault (<c>$</c> for the document itself), or
    /// <see langword="null"/> when the exception was made without one.</summary>
    public string? Path { get; }

    private static string Compose(long lineNumber, string path, string problem) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {lineNumber}, {path}: {problem}");
}
