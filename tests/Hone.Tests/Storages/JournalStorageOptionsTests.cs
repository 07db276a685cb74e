using Hone.Storages;

namespace Hone.Tests.Storages;

public sealed class JournalStorageOptionsTests
{
    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new JournalStorageOptions();

        Assert.Equal(TimeSpan.FromSeconds(30), options.LockTimeout);
        Assert.Null(options.LoggerFactory);
        Assert.Null(options.TimeProvider);
    }
}
