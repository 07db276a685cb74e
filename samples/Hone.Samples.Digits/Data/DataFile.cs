using System.IO.Compression;

namespace Hone.Samples.Digits.Data;

/// <summary>Opens data files that may or may not be gzip-compressed.</summary>
internal static class DataFile
{
    /// <summary>Opens <paramref name="path"/> for reading, decompressing it if it starts with the gzip magic.
    /// </summary>
    /// <remarks>
    /// Sniffing the two magic bytes instead of trusting the ".gz" suffix means a user can gunzip the MNIST files
    /// (or not) and keep whatever names they like.
    /// </remarks>
    public static Stream OpenRead(string path)
    {
        var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        if (read == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        {
            return new GZipStream(file, CompressionMode.Decompress);
        }

        return file;
    }

    /// <summary>Returns the first of <paramref name="names"/>, plain or with ".gz", found in the folder.</summary>
    public static string? Find(string directory, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            foreach (var candidate in (string[])[name, name + ".gz"])
            {
                var path = Path.Combine(directory, candidate);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }
}
