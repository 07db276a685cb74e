using Hone.Storages;
using Hone.Tests.Support;

namespace Hone.Tests.Storages;

public sealed class StorageUrlTests
{
    [Fact]
    public void Open_JournalUrl_OpensTheFile()
    {
        using var journal = new TempJournal();

        using (var storage = StorageUrl.Open(journal.Url))
        {
            storage.CreateStudy("s", [StudyDirection.Minimize]);
        }

        using var reopened = Assert.IsType<JournalStorage>(StorageUrl.Open(journal.Url));
        Assert.Equal(journal.Path, reopened.FilePath);
        Assert.NotNull(reopened.FindStudyId("s"));
    }

    [Fact]
    public void Open_PercentEncodedJournalPath_IsDecoded()
    {
        using var journal = new TempJournal();
        string url = "journal://" + journal.Path.Replace("hone-journal", "hone%2Djournal", StringComparison.Ordinal);

        using var storage = Assert.IsType<JournalStorage>(StorageUrl.Open(url));

        Assert.Equal(journal.Path, storage.FilePath);
    }

    [Theory]
    [InlineData("journal://relative.log")]
    [InlineData("journal:relative.log")]
    [InlineData("journal://")]
    public void Open_JournalUrlWithoutAbsolutePath_Throws(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => StorageUrl.Open(url));

        Assert.Contains("journal:///path/to/study.log", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite:///hone.db", "'sqlite:'")]
    [InlineData("postgresql://user@localhost/hone", "'postgresql:'")]
    [InlineData("redis://localhost", "'redis:'")]
    public void Open_SchemeTheCoreDoesNotOpen_ThrowsNamingIt(string url, string scheme)
    {
        var error = Assert.Throws<ArgumentException>(() => StorageUrl.Open(url));

        Assert.Contains(scheme, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/tmp/study.log")]
    [InlineData("no scheme here")]
    public void Open_TextWithoutScheme_Throws(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => StorageUrl.Open(url));

        Assert.Contains("not a storage URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SchemeOfAProvider_UsesIt()
    {
        var provider = new MemoryProvider();

        var storage = StorageUrl.Open("MEMORY://anything", [provider]);

        Assert.Same(provider.Opened, storage);
    }

    private sealed class MemoryProvider : StorageProvider
    {
        public TrialStorage? Opened { get; private set; }

        public override IReadOnlyCollection<string> Schemes => ["memory"];

        public override TrialStorage Open(string url) => Opened = new InMemoryStorage();
    }
}
