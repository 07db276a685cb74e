namespace Hone.Samples.Digits.Data;

/// <summary>Turns the <c>--data</c> argument into a data set, whichever of the supported layouts it names.</summary>
internal static class DatasetLoader
{
    public const string DefaultRelativePath = "data/digits.csv.gz";

    /// <summary>
    /// Loads a CSV file, an IDX images file (labels file beside it), or a folder holding the MNIST-style
    /// <c>train-images-idx3-ubyte</c> and <c>train-labels-idx1-ubyte</c> files, optionally gzip-compressed.
    /// </summary>
    public static Dataset Load(string path, int? maxSamples = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var data = Directory.Exists(path) ? LoadIdxFolder(path)
            : !File.Exists(path) ? throw new FileNotFoundException($"No data file or folder at '{path}'.", path)
            : path.Contains(".csv", StringComparison.OrdinalIgnoreCase) ? CsvDatasetReader.Read(path)
            : IdxReader.ReadDataset(path, FindLabelsBeside(path));

        // NOTE: the first rows are kept, not a random subset: the MNIST files are already in random order,
        // and the seeded split afterwards shuffles whatever is kept.
        return maxSamples is { } cap ? data.Take(cap) : data;
    }

    /// <summary>Finds the default digits file in the current folder or the nearest parent that has it.</summary>
    public static string? FindDefault(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, DefaultRelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static Dataset LoadIdxFolder(string directory)
    {
        var images = DataFile.Find(directory, "train-images-idx3-ubyte", "train-images.idx3-ubyte");
        var labels = DataFile.Find(directory, "train-labels-idx1-ubyte", "train-labels.idx1-ubyte");
        if (images is null || labels is null)
        {
            throw new FileNotFoundException(
                $"'{directory}' has no train-images-idx3-ubyte(.gz) and train-labels-idx1-ubyte(.gz) pair.");
        }

        return IdxReader.ReadDataset(images, labels);
    }

    /// <summary>Maps e.g. <c>t10k-images-idx3-ubyte.gz</c> to the <c>t10k-labels-idx1-ubyte(.gz)</c> beside it.
    /// </summary>
    private static string FindLabelsBeside(string imagesPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(imagesPath))!;
        var name = Path.GetFileName(imagesPath);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^3];
        }

        var labelsName = name.Replace("images", "labels", StringComparison.Ordinal)
            .Replace("idx3", "idx1", StringComparison.Ordinal);
        return DataFile.Find(directory, labelsName) ?? throw new FileNotFoundException(
            $"Found no labels file '{labelsName}(.gz)' beside the images file '{imagesPath}'.");
    }
}
