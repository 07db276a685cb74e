using Hone.Storages.Sql.Internal;

namespace Hone.Storages.Sql;

/// <summary>Opens relational storages from their URLs for <see cref="StorageUrl.Open"/>: SQLite, PostgreSQL and
/// MySQL/MariaDB, each wrapped in a <see cref="CachedStorage"/> so that finished trials are read once.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>sqlite:///relative/path.db</c> (three slashes: relative to the current directory) or
/// <c>sqlite:////absolute/path.db</c> (four), SQLAlchemy's convention; the file is created when missing, its folder
/// must exist. The option <c>?timeout=60</c> sets the busy timeout in seconds.</item>
/// <item><c>postgresql://user:password@host:port/database</c>, also <c>postgres://</c>; the port defaults to
/// 5432.</item>
/// <item><c>mysql://user:password@host:port/database</c>, also <c>mariadb://</c>; the port defaults to 3306.</item>
/// </list>
/// User and password are percent-encoded. Query options of a server URL are connection string keywords of its
/// driver (Npgsql, MySqlConnector), as in <c>postgresql://hone@db/hone?sslmode=require</c>. The database must exist;
/// its tables are created on first use.
/// </remarks>
/// <example>
/// <code>
/// using var storage = StorageUrl.Open("sqlite:///hone.db", [new SqlStorageProvider()]);
/// var study = Study.Create(new StudyOptions { Name = "s", Storage = storage, LoadIfExists = true });
/// </code>
/// </example>
public sealed class SqlStorageProvider : StorageProvider
{
    private readonly RelationalStorageOptions? _options;

    /// <summary>Creates a provider whose storages use the given options.</summary>
    /// <param name="options">The timeouts, retries, logger and clock of every storage opened; the defaults when
    /// <see langword="null"/>.</param>
    public SqlStorageProvider(RelationalStorageOptions? options = null)
    {
        _options = options;
    }

    /// <inheritdoc />
    public override IReadOnlyCollection<string> Schemes { get; } =
        [.. SqlUrl.SqliteSchemes, .. SqlUrl.PostgresSchemes, .. SqlUrl.MySqlSchemes];

    /// <inheritdoc />
    /// <returns>A <see cref="CachedStorage"/> over a <see cref="RelationalStorage"/>; the caller disposes it.
    /// </returns>
    /// <exception cref="ArgumentException">The URL or an option is invalid.</exception>
    /// <exception cref="StorageFormatException">The database holds a schema of another version.</exception>
    public override TrialStorage Open(string url) => new CachedStorage(RelationalStorage.Open(url, _options));
}
