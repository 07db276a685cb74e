using System.Buffers;
using System.Text.Json;

namespace Hone.Storages;

/// <summary>Lays compact JSON out over lines, two spaces per level, copying every token's bytes as they are.
/// </summary>
/// <remarks>
/// <see cref="Utf8JsonWriter"/> indents what it formats itself, but not the raw numbers that
/// <see cref="StorageJson.WriteDouble"/> writes (so that 2.0 keeps its fraction): with
/// <see cref="JsonWriterOptions.Indented"/> those end up glued together on one line. Writing compact JSON first and
/// laying it out here keeps the storages' number encoding and gives one item per line throughout.
/// </remarks>
internal static class JsonIndenter
{
    private const int IndentSize = 2;

    public static void Indent(ReadOnlySpan<byte> compact, IBufferWriter<byte> output, int maxDepth)
    {
        var reader = new Utf8JsonReader(compact, new JsonReaderOptions { MaxDepth = maxDepth });
        int depth = 0;
        bool firstInContainer = true;
        bool afterName = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    depth--;
                    if (!firstInContainer)
                    {
                        NewLine(output, depth);
                    }

                    Write(output, reader.TokenType == JsonTokenType.EndObject ? "}"u8 : "]"u8);
                    firstInContainer = false;
                    continue;
                case JsonTokenType.PropertyName:
                    StartItem(output, depth, firstInContainer);
                    Write(output, "\""u8);
                    Write(output, reader.ValueSpan);
                    Write(output, "\": "u8);
                    afterName = true;
                    continue;
            }

            if (!afterName && depth > 0)
            {
                StartItem(output, depth, firstInContainer);
            }

            afterName = false;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    Write(output, reader.TokenType == JsonTokenType.StartObject ? "{"u8 : "["u8);
                    depth++;
                    firstInContainer = true;
                    continue;
                case JsonTokenType.String:
                    // ValueSpan holds the string as written, escapes included.
                    Write(output, "\""u8);
                    Write(output, reader.ValueSpan);
                    Write(output, "\""u8);
                    break;
                default:
                    Write(output, reader.ValueSpan);
                    break;
            }

            firstInContainer = false;
        }
    }

    private static void StartItem(IBufferWriter<byte> output, int depth, bool first)
    {
        if (!first)
        {
            Write(output, ","u8);
        }

        NewLine(output, depth);
    }

    private static void NewLine(IBufferWriter<byte> output, int depth)
    {
        var span = output.GetSpan(1 + (depth * IndentSize));
        span[0] = (byte)'\n';
        span.Slice(1, depth * IndentSize).Fill((byte)' ');
        output.Advance(1 + (depth * IndentSize));
    }

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
