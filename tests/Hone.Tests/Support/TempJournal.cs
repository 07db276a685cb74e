namespace Hone.Tests.Support;

/// <summary>Names a fresh journal file in the temporary directory and deletes it, with its lock file, when disposed.
/// </summary>
internal sealed class TempJournal : IDisposable
{
    public string Path { get; } =
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"hone-journal-{Guid.NewGuid():N}.log");

    public string Url => "journal://" + Path;

    public void Dispose()
    {
        File.Delete(Path);
        File.Delete(Path + ".lock");
    }
}
