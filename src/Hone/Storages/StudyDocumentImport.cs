namespace Hone.Storages;

/// <summary>Writes a checked study document to a storage, and takes the study away again when that fails part-way.
/// </summary>
internal static class StudyDocumentImport
{
    public static StudyDocumentSummary Write(TrialStorage storage, StudyDocumentContents contents, string name)
    {
        if (storage.FindStudyId(name) is not null)
        {
            throw new DuplicateStudyException(
                $"A study named '{name}' already exists in the target storage; import under another name, or delete "
                + "that study first.");
        }

        // Nothing to undo when this throws: the study was not created (a twin created since is not ours).
        long studyId = storage.CreateStudy(name, contents.Directions);
        try
        {
            foreach (var (key, value) in contents.UserAttributes)
            {
                storage.SetStudyUserAttribute(studyId, key, value);
            }

            foreach (var (key, value) in contents.SystemAttributes)
            {
                storage.SetStudySystemAttribute(studyId, key, value);
            }

            foreach (var trial in contents.Trials)
            {
                storage.CreateTrial(studyId, trial);
            }
        }
        catch (Exception error)
        {
            DeletePartialStudy(storage, studyId, name, error);
            throw;
        }

        return new StudyDocumentSummary(name, studyId, contents.Trials.Count, contents.RunningTrials);
    }

    // NOTE(hone): the delete runs because the import already failed; if the storage is gone, the delete fails too,
    // and then the caller must hear about the half-written study, not only about the first error.
    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "Design", "CA1031:Do not catch general exception types", Justification = "Reported with the first error.")]
    private static void DeletePartialStudy(TrialStorage storage, long studyId, string name, Exception error)
    {
        try
        {
            storage.DeleteStudy(studyId);
        }
        catch (Exception cleanup)
        {
            throw new HoneException(
                $"Importing study '{name}' failed ({error.Message}), and deleting the partly written study failed "
                + $"too ({cleanup.Message}); delete study '{name}' by hand before importing it again.",
                new AggregateException(error, cleanup));
        }
    }
}
