using System.Globalization;
using System.Numerics.Tensors;

namespace Hone.Samples.Digits.Data;

/// <summary>Reads a header-less CSV whose last column is an integer class label, e.g. the UCI digits file.</summary>
internal static class CsvDatasetReader
{
    public static Dataset Read(string path)
    {
        using var stream = DataFile.OpenRead(path);
        using var reader = new StreamReader(stream);
        return Read(reader, path);
    }

    public static Dataset Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var features = new List<float>();
        var labels = new List<int>();
        var featureCount = -1;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(',');
            if (featureCount < 0)
            {
                featureCount = fields.Length - 1;
            }

            if (fields.Length - 1 != featureCount || featureCount < 1)
            {
                throw new InvalidDataException(
                    $"{source}:{lineNumber}: expected {featureCount + 1} comma-separated fields, " +
                    $"got {fields.Length}.");
            }

            for (var i = 0; i < featureCount; i++)
            {
                features.Add(float.Parse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture));
            }

            labels.Add(int.Parse(fields[^1], NumberStyles.Integer, CultureInfo.InvariantCulture));
        }

        if (labels.Count == 0)
        {
            throw new InvalidDataException($"{source}: the file holds no rows.");
        }

        var values = features.ToArray();
        ScaleToUnitInterval(values);
        return new Dataset(values, [.. labels], featureCount, labels.Max() + 1);
    }

    /// <summary>Maps the smallest value in the whole file to 0 and the largest to 1.</summary>
    /// <remarks>
    /// One range for all columns (not per column) keeps pixel images intact: for the digits file this is exactly
    /// "divide by 16", whatever pixels happen to be blank in every image.
    /// </remarks>
    private static void ScaleToUnitInterval(Span<float> values)
    {
        var min = TensorPrimitives.Min<float>(values);
        var range = TensorPrimitives.Max<float>(values) - min;
        TensorPrimitives.Subtract(values, min, values);
        if (range > 0)
        {
            TensorPrimitives.Divide(values, range, values);
        }
    }
}
