using Hone.Storages.Sql.Internal;
using Hone.Storages.Sql.Tests.Support;

namespace Hone.Storages.Sql.Tests;

public sealed class SqlStorageProviderTests
{
    private static readonly RelationalStorageOptions Defaults = new();

    [Fact]
    public void Open_SqliteUrlWithFourSlashes_OpensTheAbsolutePathInACache()
    {
        using var file = new TempSqlite();

        using (var storage = StorageUrl.Open(file.Url, [new SqlStorageProvider()]))
        {
            var cached = Assert.IsType<CachedStorage>(storage);
            Assert.Equal(file.Url, Assert.IsType<RelationalStorage>(cached.Inner).Url);
            storage.CreateStudy("s", [StudyDirection.Minimize]);
        }

        Assert.True(File.Exists(file.Path));
        using var reopened = RelationalStorage.Open(file.Url);
        Assert.NotNull(reopened.FindStudyId("s"));
    }

    [Fact]
    public void Parse_SqliteUrlWithThreeSlashes_IsRelativeToTheCurrentDirectory()
    {
        using var dialect = Assert.IsType<SqliteDialect>(SqlUrl.Parse("sqlite:///hone.db", Defaults));

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "hone.db"), dialect.FilePath);
    }

    [Fact]
    public void Parse_SqlitePercentEncodedPath_IsDecoded()
    {
        using var file = new TempSqlite();
        string url = "sqlite:///" + file.Path.Replace("hone.db", "ho%20ne.db", StringComparison.Ordinal);

        using var dialect = Assert.IsType<SqliteDialect>(SqlUrl.Parse(url, Defaults));

        Assert.Equal(Path.Combine(file.Folder, "ho ne.db"), dialect.FilePath);
    }

    [Theory]
    [InlineData("sqlite://hone.db", "'hone.db' where SQLite URLs have no host")]
    [InlineData("sqlite:///", "names no file")]
    [InlineData("sqlite:///:memory:", "give no storage at all")]
    [InlineData("sqlite:///hone.db?journal=wal", "option 'journal'")]
    [InlineData("sqlite:///hone.db?timeout=soon", "timeout=soon")]
    [InlineData("sqlite:////no/such/folder/hone.db", "'/no/such/folder'")]
    [InlineData("postgresql://user:secret@/hone", "not a server URL with a host")]
    [InlineData("postgresql://user:secret@localhost", "must name one database")]
    [InlineData("postgresql://user:secret@localhost/hone?nonsense=1", "option 'nonsense=1'")]
    [InlineData("mysql://user:secret@localhost:3306/a/b", "must name one database")]
    [InlineData("mariadb://user:secret@localhost/hone?SslMode=sometimes", "option 'SslMode=sometimes'")]
    [InlineData("oracle://user:secret@localhost/hone", "scheme 'oracle:'")]
    public void Parse_InvalidUrl_ThrowsNamingThePartAndHidingThePassword(string url, string part)
    {
        var error = Assert.Throws<ArgumentException>(() => SqlUrl.Parse(url, Defaults));

        Assert.Contains(part, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://hone:p%40ss%3Aw@db.example:6543/studies?sslmode=require&Timeout=3",
        "postgresql://hone@db.example:6543/studies")]
    [InlineData("postgres://hone@127.0.0.1/studies", "postgres://hone@127.0.0.1:5432/studies")]
    public void Parse_PostgresUrl_FillsTheConnectionString(string url, string description)
    {
        using var dialect = Assert.IsType<PostgresDialect>(SqlUrl.Parse(url, Defaults));

        Assert.Equal(description, dialect.Description);
    }

    [Theory]
    [InlineData("mysql://hone:p%40ss@db.example/studies?SslMode=None", "mysql://hone@db.example:3306/studies")]
    [InlineData("mariadb://hone@[::1]:3307/studies", "mariadb://hone@[::1]:3307/studies")]
    public void Parse_MySqlUrl_FillsTheConnectionString(string url, string description)
    {
        using var dialect = Assert.IsType<MySqlDialect>(SqlUrl.Parse(url, Defaults));

        Assert.Equal(description, dialect.Description);
    }

    [Fact]
    public void Parse_SqliteTimeoutOption_SetsTheBusyTimeout()
    {
        using var file = new TempSqlite();

        using var storage = RelationalStorage.Open(file.Url + "?timeout=0.25");

        Assert.Equal(file.Url, storage.Url);
    }

    [Fact]
    public void Schemes_AreTheRelationalOnes()
    {
        Assert.Equal(["sqlite", "postgresql", "postgres", "mysql", "mariadb"], new SqlStorageProvider().Schemes);
    }

    [Fact]
    public void Redacted_UrlWithPassword_HidesIt()
    {
        Assert.Equal("mysql://u:***@h/d", SqlUrl.Redacted("mysql://u:secret@h/d"));
        Assert.Equal("mysql://u@h/d", SqlUrl.Redacted("mysql://u@h/d"));
        Assert.Equal("sqlite:///a@b.db", SqlUrl.Redacted("sqlite:///a@b.db"));
    }
}
