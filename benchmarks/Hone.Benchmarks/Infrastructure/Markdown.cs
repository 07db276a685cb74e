using System.Text;

namespace Hone.Benchmarks.Infrastructure;

/// <summary>Writes the pieces of Markdown the benchmark sections are made of.</summary>
internal static class Markdown
{
    /// <summary>The width prose is wrapped at, so that the document reads well as plain text too.</summary>
    public const int Width = 110;

    /// <summary>Appends a paragraph, wrapped at <see cref="Width"/>, and a blank line.</summary>
    public static void AppendParagraph(StringBuilder text, string paragraph)
    {
        int lineLength = 0;
        foreach (string word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (lineLength > 0 && lineLength + 1 + word.Length > Width)
            {
                text.Append('\n');
                lineLength = 0;
            }
            else if (lineLength > 0)
            {
                text.Append(' ');
                lineLength++;
            }

            text.Append(word);
            lineLength += word.Length;
        }

        text.Append("\n\n");
    }

    /// <summary>Appends a table with right-aligned columns.</summary>
    public static void AppendTable(StringBuilder text, IReadOnlyList<string> headers, IEnumerable<string[]> rows)
    {
        text.Append("| ").AppendJoin(" | ", headers).Append(" |\n");
        text.Append('|').AppendJoin('|', headers.Select(_ => "---:")).Append("|\n");
        foreach (string[] row in rows)
        {
            text.Append("| ").AppendJoin(" | ", row).Append(" |\n");
        }
    }
}
