using System.Data.Common;
using System.Globalization;
using MySqlConnector;
using Npgsql;

namespace Hone.Storages.Sql.Internal;

/// <summary>Turns a storage URL into the dialect that connects to it; every error names the part of the URL at
/// fault and never shows the password.</summary>
/// <remarks>
/// SQLite URLs follow SQLAlchemy's convention, which Optuna users know: <c>sqlite:///</c> and then the file's path,
/// so a relative path has three slashes (<c>sqlite:///hone.db</c>, relative to the current directory) and an absolute
/// one four (<c>sqlite:////var/hone/hone.db</c>). Server URLs are
/// <c>scheme://user:password@host:port/database?option=value</c>, with user and password percent-encoded; each query
/// option is a keyword of the driver's connection string (for example <c>sslmode=require</c> for PostgreSQL).
/// </remarks>
internal static class SqlUrl
{
    public static readonly string[] SqliteSchemes = ["sqlite"];
    public static readonly string[] PostgresSchemes = ["postgresql", "postgres"];
    public static readonly string[] MySqlSchemes = ["mysql", "mariadb"];

    public static SqlDialect Parse(string url, RelationalStorageOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        int colon = url.IndexOf(':', StringComparison.Ordinal);
        string scheme = colon > 0 ? url[..colon].ToLowerInvariant() : "";
        if (SqliteSchemes.Contains(scheme))
        {
            return Sqlite(url, options);
        }

        if (PostgresSchemes.Contains(scheme))
        {
            var server = Server(url, scheme, 5432);
            var builder = new NpgsqlConnectionStringBuilder
            {
                Host = server.Host,
                Port = server.Port,
                Database = server.Database,
                Username = server.User,
                Password = server.Password,

                // Each operation takes a pooled connection for a few statements, and the same statements come again
                // for every trial: keep them prepared on the server, and skip the reset of the session (DISCARD ALL,
                // which would also drop them) when a connection returns to the pool. Hone sets no session state.
                MaxAutoPrepare = 64,
                AutoPrepareMinUsages = 2,
                NoResetOnClose = true,
            };
            ApplyOptions(builder, server, url);
            return new PostgresDialect(builder, server.Description);
        }

        if (MySqlSchemes.Contains(scheme))
        {
            var server = Server(url, scheme, 3306);
            var builder = new MySqlConnectionStringBuilder
            {
                Server = server.Host,
                Port = (uint)server.Port,
                Database = server.Database,
                UserID = server.User ?? "",
                Password = server.Password ?? "",

                // A connection taken from the pool is not reset first (a round trip per operation): Hone sets no
                // session state that could leak from one operation to the next.
                ConnectionReset = false,
            };
            ApplyOptions(builder, server, url);
            return new MySqlDialect(builder, server.Description);
        }

        throw new ArgumentException(
            $"The scheme '{scheme}:' of '{Redacted(url)}' is not one of the relational storage's: sqlite, postgresql "
            + "(or postgres), mysql (or mariadb).",
            nameof(url));
    }

    /// <summary>Returns the URL with its password replaced by <c>***</c>, for messages.</summary>
    public static string Redacted(string url)
    {
        int start = url.IndexOf("://", StringComparison.Ordinal) + 3;
        int at = start < 3 ? -1 : url.IndexOf('@', start);
        int slash = start < 3 ? -1 : url.IndexOf('/', start);
        if (at < 0 || (slash >= 0 && slash < at))
        {
            return url;
        }

        int colon = url.IndexOf(':', start, at - start);
        return colon < 0 ? url : url[..(colon + 1)] + "***" + url[at..];
    }

    private static SqliteDialect Sqlite(string url, RelationalStorageOptions options)
    {
        const string Hint = "an SQLite URL is sqlite:/// followed by the file's path: sqlite:///relative/path.db "
            + "(three slashes) or sqlite:////absolute/path.db (four)";
        if (!url.StartsWith("sqlite:///", StringComparison.OrdinalIgnoreCase))
        {
            string host = url.StartsWith("sqlite://", StringComparison.OrdinalIgnoreCase) ? url[9..] : url[7..];
            throw new ArgumentException(
                $"'{url}' names no file after 'sqlite:///' (it has '{host}' where SQLite URLs have no host); {Hint}.",
                nameof(url));
        }

        string rest = url[10..];
        int question = rest.IndexOf('?', StringComparison.Ordinal);
        string path = Uri.UnescapeDataString(question < 0 ? rest : rest[..question]);
        if (path.Length == 0 || path == ":memory:")
        {
            throw new ArgumentException(
                $"'{url}' names no file; {Hint}. For a study kept in memory, give no storage at all.", nameof(url));
        }

        var busyTimeout = options.BusyTimeout;
        foreach (var (key, value) in Query(question < 0 ? "" : rest[(question + 1)..]))
        {
            if (key != "timeout")
            {
                throw new ArgumentException(
                    $"The option '{key}' in '{url}' is not an SQLite option; the one option is timeout (the busy "
                    + "timeout in seconds, as in sqlite:///hone.db?timeout=60).",
                    nameof(url));
            }

            busyTimeout = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
                && seconds > 0 && seconds < int.MaxValue
                ? TimeSpan.FromSeconds(seconds)
                : throw new ArgumentException(
                    $"The option timeout={value} in '{url}' must be a positive number of seconds.", nameof(url));
        }

        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new ArgumentException(
                $"The folder '{folder}' of the SQLite file in '{url}' does not exist; create it first.", nameof(url));
        }

        return new SqliteDialect(full, busyTimeout);
    }

    private static ServerUrl Server(string url, string scheme, int defaultPort)
    {
        string example = $"{scheme}://user:password@host:port/database";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw new ArgumentException(
                $"'{Redacted(url)}' is not a server URL with a host; write it as {example} (percent-encode special "
                + "characters of the user and password).",
                nameof(url));
        }

        string database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"'{Redacted(url)}' must name one database after the host, as in {example}.", nameof(url));
        }

        string? user = null;
        string? password = null;
        if (uri.UserInfo.Length > 0)
        {
            int colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        string host = uri.Host.Trim('[', ']');
        int port = uri.IsDefaultPort || uri.Port < 0 ? defaultPort : uri.Port;
        string description = string.Create(CultureInfo.InvariantCulture,
            $"{scheme}://{(user is null ? "" : Uri.EscapeDataString(user) + "@")}{uri.Host}:{port}/{database}");
        return new ServerUrl(host, port, database, user, password, Query(uri.Query.TrimStart('?')), description);
    }

    private static void ApplyOptions(DbConnectionStringBuilder builder, ServerUrl server, string url)
    {
        foreach (var (key, value) in server.Options)
        {
            try
            {
                builder[key] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException
                or OverflowException or NotSupportedException)
            {
                throw new ArgumentException(
                    $"The option '{key}={value}' in '{Redacted(url)}' is not a valid connection string setting of "
                    + $"the driver: {e.Message}",
                    nameof(url), e);
            }
        }
    }

    private static List<(string Key, string Value)> Query(string query) =>
        [.. query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            return equals < 0
                ? (Uri.UnescapeDataString(part), "")
                : (Uri.UnescapeDataString(part[..equals]), Uri.UnescapeDataString(part[(equals + 1)..]));
        })];

    private sealed record ServerUrl(
        string Host,
        int Port,
        string Database,
        string? User,
        string? Password,
        IReadOnlyList<(string Key, string Value)> Options,
        string Description);
}
