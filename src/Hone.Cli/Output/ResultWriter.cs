using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using Spectre.Console;

namespace Hone.Cli.Output;

/// <summary>Prints records as a table for people, or as JSON or CSV for programs.</summary>
/// <remarks>JSON is strictly valid: a double that is NaN or infinite is written as the string <c>"NaN"</c>,
/// <c>"Infinity"</c> or <c>"-Infinity"</c> (the encoding of <c>hone export</c> too), and a finite double always
/// has a fraction or an exponent (<c>2.0</c>), so that it stays apart from an integer. Times are ISO 8601 in UTC,
/// durations are seconds.</remarks>
internal static class ResultWriter
{
    private static readonly CsvWriterOptions CsvOptions = new() { NewLine = "\n" };

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Prints a list of records: a table with a title, a JSON array, or CSV with a header row.</summary>
    public static void WriteList(CliContext context, OutputFormat format, IReadOnlyList<Record> records,
        string? title = null)
    {
        switch (format)
        {
            case OutputFormat.Json:
                WriteJson(writer =>
                {
                    writer.WriteStartArray();
                    foreach (var record in records)
                    {
                        WriteRecord(writer, record);
                    }

                    writer.WriteEndArray();
                });
                break;
            case OutputFormat.Csv:
                WriteCsv(records);
                break;
            default:
                WriteTable(context.Out, records, title);
                break;
        }
    }

    /// <summary>Prints one record: a table of one row, a JSON object, or CSV with a header row.</summary>
    public static void WriteOne(CliContext context, OutputFormat format, Record record, string? title = null)
    {
        if (format == OutputFormat.Json)
        {
            WriteJson(writer => WriteRecord(writer, record));
        }
        else
        {
            WriteList(context, format, [record], title);
        }
    }

    /// <summary>Formats a scalar for a table cell or a CSV field.</summary>
    public static string Text(object? value, bool forPeople) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        double d => forPeople ? FormatForPeople(d) : FormatDouble(d),
        float f => forPeople ? FormatForPeople(f) : FormatDouble(f),
        DateTimeOffset t => forPeople
            ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        TimeSpan span => forPeople ? Seconds(span) : span.TotalSeconds.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        // A list of names (directions) reads best as it is typed on the command line.
        IEnumerable<string> names => string.Join(",", names),
        // An attribute that holds a list or a dictionary fits one cell as compact JSON.
        System.Collections.IEnumerable => CompactJson(value),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Formats a double so that it reads back bit for bit: a fraction or an exponent always, and NaN,
    /// Infinity or -Infinity for the others.</summary>
    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny(".Ee") >= 0 ? text : text + ".0";
    }

    /// <summary>Writes a JSON value to standard output, with a final newline.</summary>
    public static void WriteJson(Action<Utf8JsonWriter> write)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, JsonOptions))
        {
            write(writer);
        }

        stdout.Write("\n"u8);
        stdout.Flush();
    }

    public static void WriteRecord(Utf8JsonWriter writer, Record record)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in record.Fields)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case Record record:
                WriteRecord(writer, record);
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case double d when double.IsFinite(d):
                WriteFinite(writer, d);
                break;
            case double d:
                writer.WriteStringValue(FormatDouble(d));
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case DateTimeOffset t:
                writer.WriteStringValue(Text(t, forPeople: false));
                break;
            case TimeSpan span:
                WriteFinite(writer, span.TotalSeconds);
                break;
            case IReadOnlyDictionary<string, object?> dictionary:
                writer.WriteStartObject();
                foreach (var (key, item) in dictionary)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                writer.WriteStartArray();
                foreach (object? item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Text(value, forPeople: false));
                break;
        }
    }

    // A whole double as 2.0, so that it stays apart from an integer; the decimal keeps the written fraction.
    // (Raw values would keep it too, but the writer does not indent around them.)
    private static void WriteFinite(Utf8JsonWriter writer, double value)
    {
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            writer.WriteNumberValue(
                decimal.Parse(FormatDouble(value), NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNumberValue(value);
        }
    }

    // Flattens the records once: a cell per column name in each row, and the columns in order of first appearance.
    // A column that is empty in every row while others carry its name with a suffix (values when values_0 and
    // values_1 exist, from trials with no values) would only be noise, and is left out.
    private static (List<string> Columns, List<Dictionary<string, object?>> Rows) Flatten(
        IReadOnlyList<Record> records)
    {
        var rows = new List<Dictionary<string, object?>>(records.Count);
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (name, value) in record.Flatten())
            {
                row[name] = value;
                if (seen.Add(name))
                {
                    columns.Add(name);
                }
            }

            rows.Add(row);
        }

        columns.RemoveAll(c => columns.Any(o => o.StartsWith(c + "_", StringComparison.Ordinal))
            && rows.All(r => r.GetValueOrDefault(c) is null));
        return (columns, rows);
    }

    private static void WriteTable(IAnsiConsole console, IReadOnlyList<Record> records, string? title)
    {
        var (columns, rows) = Flatten(records);
        if (rows.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null)
        {
            table.Title = new TableTitle(Markup.Escape(title));
        }

        foreach (string column in columns)
        {
            var tableColumn = new TableColumn(Markup.Escape(column));
            if (rows.Any(r => r.GetValueOrDefault(column) is double or int or long or TimeSpan))
            {
                tableColumn.RightAligned();
            }

            table.AddColumn(tableColumn);
        }

        foreach (var row in rows)
        {
            table.AddRow([.. columns.Select(c => Markup.Escape(Text(row.GetValueOrDefault(c), forPeople: true)))]);
        }

        console.Write(table);
    }

    private static void WriteCsv(IReadOnlyList<Record> records)
    {
        var (columns, rows) = Flatten(records);
        if (columns.Count == 0)
        {
            // No rows: nothing to print, not even a header, since the columns depend on the rows.
            return;
        }

        // UTF-8 straight to standard output, quoted as RFC 4180 says, but with Unix line ends: shell tools such as
        // read and cut would keep a CR at the end of each record's last field.
        using var csv = CsvWriter.Create(Console.OpenStandardOutput(), CsvOptions, leaveOpen: false);
        csv.WriteHeader([.. columns]);
        foreach (var row in rows)
        {
            csv.WriteRecord([.. columns.Select(c => Text(row.GetValueOrDefault(c), forPeople: false))]);
        }
    }

    private static string CompactJson(object value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JsonOptions.Encoder }))
        {
            WriteValue(writer, value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string FormatForPeople(double value) => double.IsFinite(value)
        ? value.ToString("G6", CultureInfo.InvariantCulture)
        : FormatDouble(value);

    private static string Seconds(TimeSpan span) => span.TotalSeconds < 60
        ? span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
        : span.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture).TrimStart('0', '.', ':');
}
