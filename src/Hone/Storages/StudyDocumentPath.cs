using System.Buffers;
using System.Globalization;

namespace Hone.Storages;

/// <summary>Builds the JSON paths that study document errors name: <c>$.trials[3].params.x</c>, with a key that
/// is not a plain identifier in brackets (<c>$.study.userAttributes['my key']</c>).</summary>
internal static class StudyDocumentPath
{
    private static readonly SearchValues<char> Identifier = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    public static string Child(string parent, string name) => IsPlain(name)
        ? parent + "." + name
        : parent + "['" + name.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("'", "\\'", StringComparison.Ordinal) + "']";

    public static string Item(string parent, int index) =>
        parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>Returns the path one level up; a key in brackets that holds brackets or dots itself may be cut in
    /// the wrong place, which only costs a less precise line.</summary>
    public static string Parent(string path)
    {
        if (path.EndsWith("']", StringComparison.Ordinal))
        {
            int open = path.LastIndexOf("['", StringComparison.Ordinal);
            if (open > 0)
            {
                return path[..open];
            }
        }

        int cut = path.AsSpan().LastIndexOfAny('.', '[');
        return cut <= 0 ? "$" : path[..cut];
    }

    private static bool IsPlain(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.AsSpan().IndexOfAnyExcept(Identifier) < 0;

}
