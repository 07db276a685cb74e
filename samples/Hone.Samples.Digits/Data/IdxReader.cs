using System.Buffers.Binary;

namespace Hone.Samples.Digits.Data;

/// <summary>Reads the IDX files of MNIST and Fashion-MNIST (unsigned-byte tensors only).</summary>
/// <remarks>
/// An IDX file is two zero bytes, a type code (0x08 = unsigned byte), the number of dimensions, each dimension
/// as a big-endian 32-bit integer, then the values row-major. See http://yann.lecun.com/exdb/mnist/.
/// </remarks>
internal static class IdxReader
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>Reads one IDX file (gzip-compressed or not) into its dimensions and raw values.</summary>
    public static (int[] Dimensions, byte[] Values) Read(string path)
    {
        using var stream = DataFile.OpenRead(path);
        return Read(stream, path);
    }

    public static (int[] Dimensions, byte[] Values) Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[4];
        stream.ReadExactly(header);
        if (header[0] != 0 || header[1] != 0 || header[2] != UnsignedByteType || header[3] == 0)
        {
            throw new InvalidDataException(
                $"{source}: not an unsigned-byte IDX file (header {Convert.ToHexString(header)}).");
        }

        var dimensions = new int[header[3]];
        long total = 1;
        for (var i = 0; i < dimensions.Length; i++)
        {
            stream.ReadExactly(header);
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(header);
            total *= dimensions[i];
        }

        if (total < 0 || total > Array.MaxLength)
        {
            throw new InvalidDataException($"{source}: implausible dimensions {string.Join('x', dimensions)}.");
        }

        var values = new byte[total];
        stream.ReadExactly(values);
        return (dimensions, values);
    }

    /// <summary>Reads an images file and its labels file into a data set with pixels scaled to [0, 1].</summary>
    public static Dataset ReadDataset(string imagesPath, string labelsPath)
    {
        var (imageDims, pixels) = Read(imagesPath);
        var (labelDims, labelBytes) = Read(labelsPath);
        if (imageDims.Length < 2 || labelDims.Length != 1 || labelDims[0] != imageDims[0])
        {
            throw new InvalidDataException(
                $"'{imagesPath}' ({string.Join('x', imageDims)}) and '{labelsPath}' " +
                $"({string.Join('x', labelDims)}) do not describe the same samples.");
        }

        var featureCount = pixels.Length / imageDims[0];
        var features = new float[pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            features[i] = pixels[i] / 255f;
        }

        var labels = Array.ConvertAll(labelBytes, b => (int)b);
        return new Dataset(features, labels, featureCount, Math.Max(labels.Max() + 1, 2));
    }
}
