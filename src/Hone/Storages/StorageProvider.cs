namespace Hone.Storages;

/// <summary>Opens the storages of some URL schemes; packages outside the core (relational storages, for example)
/// offer one so that <see cref="StorageUrl.Open(string, IEnumerable{StorageProvider}?)"/> can open their URLs.
/// </summary>
public abstract class StorageProvider
{
    /// <summary>Gets the URL schemes this provider opens, without the colon (for example <c>sqlite</c>).</summary>
    public abstract IReadOnlyCollection<string> Schemes { get; }

    /// <summary>Opens the storage a URL names.</summary>
    /// <param name="url">A URL whose scheme is one of <see cref="Schemes"/>.</param>
    /// <returns>The storage; the caller disposes it.</returns>
    public abstract TrialStorage Open(string url);
}
