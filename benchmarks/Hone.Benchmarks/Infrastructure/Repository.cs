namespace Hone.Benchmarks.Infrastructure;

/// <summary>Finds the repository the benchmarks belong to, for the results document.</summary>
internal static class Repository
{
    private const string Marker = "Hone.slnx";

    /// <summary>Returns the repository's root: the nearest folder above the working directory, or else above the
    /// program, that holds <c>Hone.slnx</c>; <see langword="null"/> when there is none.</summary>
    public static string? FindRoot() =>
        FindAbove(Environment.CurrentDirectory) ?? FindAbove(AppContext.BaseDirectory);

    private static string? FindAbove(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, Marker)))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
