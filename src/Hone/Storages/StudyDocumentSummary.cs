namespace Hone.Storages;

/// <summary>Sums up what <see cref="StudyDocument.Import"/> wrote to a storage.</summary>
/// <param name="StudyName">The new study's name: the document's, unless the import gave another.</param>
/// <param name="StudyId">The new study's identifier in the storage.</param>
/// <param name="TrialCount">How many trials the new study holds, in any state.</param>
/// <param name="ConvertedRunningTrials">How many trials were running in the document and were imported as failed,
/// marked with the system attribute <c>hone:imported_running</c>.</param>
public sealed record StudyDocumentSummary(string StudyName, long StudyId, int TrialCount, int ConvertedRunningTrials);
