using System.Text.Json;

namespace Hone.Storages;

/// <summary>Reads a study document once, token by token, to check that it is JSON and to note the line of each
/// field, so that the checks that follow can name the line of the field at fault.</summary>
/// <remarks>
/// System.Text.Json reports lines for syntax errors only; a <see cref="JsonElement"/> does not know its line. This
/// pass keys the lines by JSON path (<c>$.trials[3].params.x</c>), the same paths the checks build as they walk
/// the parsed document. Duplicate keys, which <see cref="JsonDocument"/> would accept silently, are refused here.
/// </remarks>
internal sealed class StudyDocumentLines
{
    /// <summary>The deepest path whose line is noted: below it (inside attribute values) the nearest noted
    /// ancestor's line serves, which keeps the map small for large attributes.</summary>
    private const int DeepestNoted = 8;

    private readonly Dictionary<string, long> _lines = new(StringComparer.Ordinal);
    private readonly int[] _newlines;

    private StudyDocumentLines(ReadOnlySpan<byte> utf8)
    {
        var newlines = new List<int>();
        for (int i = utf8.IndexOf((byte)'\n'); i >= 0;)
        {
            newlines.Add(i);
            int next = utf8[(i + 1)..].IndexOf((byte)'\n');
            i = next < 0 ? -1 : i + 1 + next;
        }

        _newlines = [.. newlines];
    }

    /// <summary>Checks that <paramref name="utf8"/> is one JSON value with no duplicate keys and notes the lines of
    /// its fields.</summary>
    /// <exception cref="StudyDocumentException">The document is empty, not JSON, ends early or repeats a key.
    /// </exception>
    public static StudyDocumentLines Scan(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        var lines = new StudyDocumentLines(utf8);
        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new StudyDocumentException(1, "$", "the document is empty; expected a study document (JSON).");
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        var open = new Stack<Container>();
        string? pendingPath = null;
        try
        {
            while (reader.Read())
            {
                lines.Note(ref reader, open, ref pendingPath);
            }
        }
        catch (JsonException e)
        {
            throw lines.SyntaxError(utf8, e, open, pendingPath);
        }
        catch (InvalidOperationException e)
        {
            // GetString refuses a key that is not valid UTF-8.
            long line = lines.LineAt(reader.TokenStartIndex);
            throw new StudyDocumentException(line, pendingPath ?? CurrentPath(open), $"{e.Message}", e);
        }

        return lines;
    }

    /// <summary>Returns the line of a field, or of its nearest ancestor that has one noted.</summary>
    public long LineOf(string path)
    {
        for (string p = path; ; p = StudyDocumentPath.Parent(p))
        {
            if (_lines.TryGetValue(p, out long line))
            {
                return line;
            }

            if (p == "$")
            {
                return 1;
            }
        }
    }

    private static string CurrentPath(Stack<Container> open) => open.Count == 0 ? "$" : open.Peek().Path;

    private void Note(ref Utf8JsonReader reader, Stack<Container> open, ref string? pendingPath)
    {
        if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
        {
            open.Pop();
            return;
        }

        long line = LineAt(reader.TokenStartIndex);
        if (reader.TokenType == JsonTokenType.PropertyName)
        {
            var parent = open.Peek();
            string name = reader.GetString()!;
            pendingPath = StudyDocumentPath.Child(parent.Path, name);
            if (!parent.Keys!.Add(name))
            {
                throw new StudyDocumentException(line, pendingPath,
                    $"the key \"{name}\" appears twice in the same object; keep one.");
            }

            NoteLine(pendingPath, open.Count, line);
            return;
        }

        string path;
        if (open.Count == 0)
        {
            path = "$";
            NoteLine(path, 0, line);
        }
        else if (open.Peek() is { Keys: null } array)
        {
            path = StudyDocumentPath.Item(array.Path, array.NextIndex++);
            NoteLine(path, open.Count, line);
        }
        else
        {
            path = pendingPath!;
        }

        pendingPath = null;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            open.Push(new Container(path,
                reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null));
        }
    }

    private void NoteLine(string path, int depth, long line)
    {
        if (depth <= DeepestNoted)
        {
            _lines[path] = line;
        }
    }

    private StudyDocumentException SyntaxError(
        ReadOnlySpan<byte> utf8, JsonException error, Stack<Container> open, string? pendingPath)
    {
        string path = pendingPath ?? CurrentPath(open);
        long line = (error.LineNumber ?? 0) + 1;
        long lineStart = line >= 2 && line - 2 < _newlines.Length ? _newlines[line - 2] + 1 : 0;
        long offset = lineStart + (error.BytePositionInLine ?? 0);
        int lastData = utf8.LastIndexOfAnyExcept(" \t\r\n"u8);
        if (offset > lastData)
        {
            // The reader stopped past the last byte of data: the document was cut, and the line to report is the
            // one where the data ends, not the blank one after it.
            return new StudyDocumentException(LineAt(lastData), path,
                "the document ends before its JSON is complete (is the file truncated?): " + Reason(error), error);
        }

        return new StudyDocumentException(line, path, "the document is not valid JSON: " + Reason(error), error);
    }

    /// <summary>Returns a syntax error's message without the position that System.Text.Json appends, since the
    /// study document's message gives the line first.</summary>
    private static string Reason(JsonException error)
    {
        int at = error.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return at < 0 ? error.Message : error.Message[..at];
    }

    private long LineAt(long offset)
    {
        int index = Array.BinarySearch(_newlines, (int)Math.Min(offset, int.MaxValue));
        return (index >= 0 ? index : ~index) + 1;
    }

    /// <summary>An object (with the keys seen so far) or an array (with the index of its next item) still open.
    /// </summary>
    private sealed class Container(string path, HashSet<string>? keys)
    {
        public string Path { get; } = path;

        public HashSet<string>? Keys { get; } = keys;

        public int NextIndex { get; set; }
    }
}
