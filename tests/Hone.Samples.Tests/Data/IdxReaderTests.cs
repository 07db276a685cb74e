using System.Buffers.Binary;
using System.IO.Compression;
using Hone.Samples.Digits.Data;

namespace Hone.Samples.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    // Three 2×2 "images" and their labels.
    private static readonly byte[] Pixels = [0, 255, 51, 102, 255, 0, 0, 0, 1, 2, 3, 4];
    private static readonly byte[] Labels = [2, 0, 1];

    private readonly string _directory = TestData.NewTempDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Read_PlainFile_ReturnsDimensionsAndValues()
    {
        var path = WriteIdx("images-idx3-ubyte", [3, 2, 2], Pixels, gzip: false);

        var (dimensions, values) = IdxReader.Read(path);

        Assert.Equal([3, 2, 2], dimensions);
        Assert.Equal(Pixels, values);
    }

    [Fact]
    public void Read_GzipFile_DecompressesByContent()
    {
        var path = WriteIdx("images-idx3-ubyte", [3, 2, 2], Pixels, gzip: true);

        var (_, values) = IdxReader.Read(path + ".gz");

        Assert.Equal(Pixels, values);
    }

    [Fact]
    public void Read_WrongTypeCode_Throws()
    {
        var path = Path.Combine(_directory, "floats");
        File.WriteAllBytes(path, [0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0]);

        Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
    }

    [Fact]
    public void Read_TruncatedFile_Throws()
    {
        var path = WriteIdx("short", [3, 2, 2], Pixels[..5], gzip: false);

        Assert.Throws<EndOfStreamException>(() => IdxReader.Read(path));
    }

    [Fact]
    public void Load_Folder_FindsTrainFilesAndScalesPixels()
    {
        WriteIdx("train-images-idx3-ubyte", [3, 2, 2], Pixels, gzip: true);
        WriteIdx("train-labels-idx1-ubyte", [3], Labels, gzip: false);

        var data = DatasetLoader.Load(_directory);

        Assert.Equal(3, data.Count);
        Assert.Equal(4, data.FeatureCount);
        Assert.Equal(3, data.ClassCount);
        Assert.Equal(Labels.Select(b => (int)b), data.Labels.ToArray());
        Assert.Equal([0f, 1f, 0.2f, 0.4f], data.Row(0).ToArray());
    }

    [Fact]
    public void Load_ImagesFile_FindsLabelsBesideIt()
    {
        var images = WriteIdx("t10k-images-idx3-ubyte", [3, 2, 2], Pixels, gzip: true);
        WriteIdx("t10k-labels-idx1-ubyte", [3], Labels, gzip: true);

        var data = DatasetLoader.Load(images + ".gz", maxSamples: 2);

        Assert.Equal(2, data.Count);
        Assert.Equal([2, 0], data.Labels.ToArray());
    }

    [Fact]
    public void Load_LabelCountDiffers_Throws()
    {
        WriteIdx("train-images-idx3-ubyte", [3, 2, 2], Pixels, gzip: false);
        WriteIdx("train-labels-idx1-ubyte", [2], Labels[..2], gzip: false);

        Assert.Throws<InvalidDataException>(() => DatasetLoader.Load(_directory));
    }

    /// <summary>Writes an unsigned-byte IDX file, adding ".gz" to the name when compressed.</summary>
    /// <returns>The path without the ".gz".</returns>
    private string WriteIdx(string name, int[] dimensions, byte[] values, bool gzip)
    {
        var path = Path.Combine(_directory, name);
        using (var file = File.Create(gzip ? path + ".gz" : path))
        using (var stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file)
        {
            stream.Write([0, 0, 0x08, (byte)dimensions.Length]);
            var buffer = new byte[4];
            foreach (var dimension in dimensions)
            {
                BinaryPrimitives.WriteInt32BigEndian(buffer, dimension);
                stream.Write(buffer);
            }

            stream.Write(values);
        }

        return path;
    }
}
