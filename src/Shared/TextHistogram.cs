using System.Globalization;
using System.Text;

namespace Hone.Shared;

/// <summary>Renders counts as text bars in the style of the seed document's <c>distribution</c> output:
/// <c>2|23 (23.00%) |||||||||</c>.</summary>
internal static class TextHistogram
{
    public static string Render(IReadOnlyList<(string Label, int Count)> rows, int width = 60)
    {
        int total = rows.Sum(r => r.Count);
        int widest = Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => r.Count));
        int labelWidth = rows.Count == 0 ? 0 : rows.Max(r => r.Label.Length);
        int countWidth = widest.ToString(CultureInfo.InvariantCulture).Length;
        var text = new StringBuilder();
        var shares = rows.Select(r => string.Create(
            CultureInfo.InvariantCulture, $"({(total == 0 ? 0 : 100.0 * r.Count / total):F2}%)")).ToList();
        int shareWidth = shares.Count == 0 ? 0 : shares.Max(s => s.Length);
        for (int i = 0; i < rows.Count; i++)
        {
            var (label, count) = rows[i];
            int bar = (int)Math.Round((double)count / widest * width);
            text.Append(label.PadLeft(labelWidth)).Append('|')
                .Append(count.ToString(CultureInfo.InvariantCulture).PadLeft(countWidth)).Append(' ')
                .Append(shares[i].PadRight(shareWidth)).Append(' ')
                .Append('|', bar)
                .AppendLine();
        }

        return text.ToString();
    }
}
