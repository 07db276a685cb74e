using Hone.Samples.Digits.Data;

namespace Hone.Samples.Tests;

/// <summary>Locates the repository's data folder from the test binaries and writes scratch files.</summary>
internal static class TestData
{
    private static readonly Lazy<Dataset> LazyDigits = new(() => DatasetLoader.Load(DigitsPath));

    public static string DigitsPath =>
        DatasetLoader.FindDefault(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException(
            $"No {DatasetLoader.DefaultRelativePath} above {AppContext.BaseDirectory}.");

    /// <summary>Gets the digits set, loaded once for the whole test run (it is never modified).</summary>
    public static Dataset Digits => LazyDigits.Value;

    public static string NewTempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "hone-samples-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
