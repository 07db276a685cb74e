using System.Buffers;

namespace Hone.Storages;

/// <summary>Opens a storage from a URL, the form in which every front end (samples, command line, dashboard)
/// accepts one.</summary>
/// <remarks>
/// The core opens <c>journal:///absolute/path.log</c> (a <see cref="JournalStorage"/>; the path may be
/// percent-encoded). Other schemes, such as the relational storages' <c>sqlite:</c>, <c>postgresql:</c> and
/// <c>mysql:</c>, are opened by the <see cref="StorageProvider"/> of the package that implements them.
/// </remarks>
public static class StorageUrl
{
    /// <summary>The scheme of <see cref="JournalStorage"/> URLs.</summary>
    public const string JournalScheme = "journal";

    private static readonly SearchValues<char> SchemeCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

    /// <summary>Opens the storage a URL names.</summary>
    /// <param name="url">The URL, for example <c>journal:///var/hone/study.log</c>.</param>
    /// <param name="providers">Providers for schemes the core does not open itself, or <see langword="null"/>.
    /// </param>
    /// <returns>The storage; the caller disposes it.</returns>
    /// <exception cref="ArgumentException">The text is not a URL, or no provider opens its scheme, or a journal URL
    /// does not name an absolute path.</exception>
    public static TrialStorage Open(string url, IEnumerable<StorageProvider>? providers = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        string scheme = SchemeOf(url);
        if (string.Equals(scheme, JournalScheme, StringComparison.OrdinalIgnoreCase))
        {
            return new JournalStorage(JournalPath(url));
        }

        var provider = providers?.FirstOrDefault(
            p => p.Schemes.Contains(scheme, StringComparer.OrdinalIgnoreCase));
        return provider?.Open(url) ?? throw new ArgumentException(
            $"No storage opens URLs of the scheme '{scheme}:' (in '{url}'). The core opens '{JournalScheme}:' URLs "
            + $"such as {JournalScheme}:///path/to/study.log; for another scheme pass the StorageProvider of the "
            + "package that implements it.",
            nameof(url));
    }

    private static string SchemeOf(string url)
    {
        int colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(url[0])
            || url.AsSpan(0, colon).ContainsAnyExcept(SchemeCharacters))
        {
            throw new ArgumentException(
                $"'{url}' is not a storage URL: it needs a scheme, as in {JournalScheme}:///path/to/study.log.",
                nameof(url));
        }

        return url[..colon];
    }

    private static string JournalPath(string url)
    {
        const string prefix = JournalScheme + "://";
        string path = url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            ? Uri.UnescapeDataString(url[prefix.Length..])
            : "";
        // journal:///C:/studies/s.log names a Windows path: the slash before the drive letter is the URL's.
        if (path.Length >= 3 && path[0] == '/' && char.IsAsciiLetter(path[1]) && path[2] == ':')
        {
            path = path[1..];
        }

        return Path.IsPathFullyQualified(path)
            ? path
            : throw new ArgumentException(
                $"A journal URL names an absolute path after '{prefix}', as in {prefix}/path/to/study.log (three "
                + $"slashes), but got '{url}'.",
                nameof(url));
    }
}
