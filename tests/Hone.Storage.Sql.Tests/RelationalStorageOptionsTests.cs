namespace Hone.Storages.Sql.Tests;

public sealed class RelationalStorageOptionsTests
{
    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new RelationalStorageOptions();

        Assert.Equal(TimeSpan.FromSeconds(30), options.BusyTimeout);
        Assert.Equal(4, options.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(20), options.RetryDelay);
        Assert.Null(options.LoggerFactory);
        Assert.Null(options.TimeProvider);
    }

    [Theory]
    [InlineData(0, 4, 20)]
    [InlineData(1, -1, 20)]
    [InlineData(1, 4, -1)]
    public void Open_InvalidOption_Throws(int busySeconds, int retries, int delayMilliseconds)
    {
        var options = new RelationalStorageOptions
        {
            BusyTimeout = TimeSpan.FromSeconds(busySeconds),
            MaxRetries = retries,
            RetryDelay = TimeSpan.FromMilliseconds(delayMilliseconds),
        };

        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => RelationalStorage.Open("sqlite:///x.db", options));
    }
}
