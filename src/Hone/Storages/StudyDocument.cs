namespace Hone.Storages;

/// <summary>Exports a study to one JSON document and imports such a document as a new study, in any storage: to back
/// a study up, to move it between storages, or to share it.</summary>
/// <remarks>
/// <para>
/// The document is UTF-8 JSON, indented, ending with a newline (docs/study-document.md describes it in full):
/// </para>
/// <code language="json">
/// {
///   "format": "hone.study",
///   "version": 1,
///   "study": { "name": "...", "directions": ["minimize"], "userAttributes": {}, "systemAttributes": {} },
///   "trials": [
///     { "number": 0, "state": "complete", "values": [1.5],
///       "startedAt": "2026-01-31T12:00:00.000000Z", "completedAt": "2026-01-31T12:00:01.250000Z",
///       "params": { "x": 0.5, "n": 3, "opt": "sgd", "k": { "int": 2 } },
///       "distributions": { "x": { "type": "float", "low": 0.0, "high": 1.0, "log": false, "step": null }, ... },
///       "intermediateValues": { "0": 0.9, "1": "NaN" },
///       "userAttributes": {}, "systemAttributes": {} }
///   ]
/// }
/// </code>
/// <para>
/// Numbers are written as the storages write them: a double always with a fraction or an exponent, NaN and the
/// infinities as the strings <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c>, so that every double comes back
/// bit for bit. A categorical parameter's value is written like its choices: a string, a boolean or null as itself, a
/// number typed as <c>{"int": 2}</c>, <c>{"long": 2}</c> or <c>{"double": 2.0}</c>, so that the choices 2, 2L, 2.0
/// and "2" stay apart. Times are UTC, to the microsecond (the precision every storage keeps).
/// </para>
/// <para>
/// The output is canonical: trials by number, parameters in the order the trial holds them, attributes sorted by key,
/// intermediate values by step. Export, import (into any storage) and export again give the same bytes.
/// </para>
/// </remarks>
public static class StudyDocument
{
    /// <summary>Writes a study, with all its trials, as a study document.</summary>
    /// <param name="storage">The storage that holds the study.</param>
    /// <param name="studyName">The study's name.</param>
    /// <param name="output">The stream to write to; it is flushed, not closed.</param>
    /// <exception cref="StudyNotFoundException">There is no study of that name.</exception>
    /// <remarks>The trials are read in one call; a study that workers are still changing is written as it was at
    /// that moment, its running trials included.</remarks>
    public static void Export(TrialStorage storage, string studyName, Stream output)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrEmpty(studyName);
        ArgumentNullException.ThrowIfNull(output);
        StudyDocumentWriter.Write(storage, storage.GetStudyId(studyName), output);
    }

    /// <summary>Reads a study document and creates its study, with all its trials, in a storage.</summary>
    /// <param name="storage">The storage to create the study in.</param>
    /// <param name="input">The document; it is read to its end, not closed.</param>
    /// <param name="studyName">The new study's name, or <see langword="null"/> for the document's.</param>
    /// <returns>The new study's name and identifier, its trial count, and how many running trials were failed.
    /// </returns>
    /// <exception cref="StudyDocumentException">The document is not JSON, ends early, or breaks a rule of the format;
    /// nothing was written.</exception>
    /// <exception cref="DuplicateStudyException">A study of that name exists; nothing was written.</exception>
    /// <remarks>
    /// <para>
    /// The whole document is checked before anything is written: its format and version; the directions; each trial's
    /// number (0, 1, 2, … in order), state, values (one per direction, not NaN, for a complete trial), times (ISO
    /// 8601); that parameters and distributions name the same parameters, that each distribution is valid, that each
    /// value is one its distribution can hold (a categorical value must match a choice in type too), and that no
    /// parameter changes its kind of distribution from one trial to another; that intermediate steps are integers.
    /// </para>
    /// <para>
    /// Trials keep their numbers, states, values, times, parameters and attributes, except that a trial running in the
    /// document is imported as failed, with the system attribute <c>hone:imported_running</c> set to
    /// <see langword="true"/>, since no worker will ever finish it; its completion time is the time of the import.
    /// A waiting trial stays waiting, for the next worker to take.
    /// </para>
    /// <para>
    /// When writing fails part-way (the database goes away), the partly written study is deleted before the error goes
    /// on. Should that delete fail too, a <see cref="HoneException"/> says so, with both errors, and the study must be
    /// deleted by hand before importing again. No other process should use the new study until the import returns.
    /// </para>
    /// </remarks>
    public static StudyDocumentSummary Import(TrialStorage storage, Stream input, string? studyName = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(input);
        if (studyName is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(studyName);
        }

        var contents = StudyDocumentReader.Read(ReadAll(input));
        return StudyDocumentImport.Write(storage, contents, studyName ?? contents.Name);
    }

    /// <summary>Copies a study, with all its trials, to another storage or under another name, as an export followed
    /// by an import would.</summary>
    /// <param name="source">The storage that holds the study.</param>
    /// <param name="studyName">The study's name.</param>
    /// <param name="target">The storage to create the copy in; it may be <paramref name="source"/>.</param>
    /// <param name="targetStudyName">The copy's name, or <see langword="null"/> for the same name.</param>
    /// <returns>What <see cref="Import"/> returns for the copy.</returns>
    /// <exception cref="StudyNotFoundException">There is no study of that name in the source.</exception>
    /// <exception cref="DuplicateStudyException">The target holds a study of the copy's name; nothing was written.
    /// </exception>
    public static StudyDocumentSummary Copy(
        TrialStorage source, string studyName, TrialStorage target, string? targetStudyName = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var buffer = new MemoryStream();
        Export(source, studyName, buffer);
        buffer.Position = 0;
        return Import(target, buffer, targetStudyName);
    }

    private static ReadOnlyMemory<byte> ReadAll(Stream input)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
