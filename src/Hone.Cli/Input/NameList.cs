using System.CommandLine;
using System.CommandLine.Parsing;

namespace Hone.Cli.Input;

/// <summary>Options that take names from a fixed list, such as directions and trial states: given one per token,
/// or several in one token separated by commas. Anything else, a number included, is a usage error.</summary>
internal static class NameList
{
    public static Option<T[]> Create<T>(IReadOnlyDictionary<string, T> names, string name, params string[] aliases)
    {
        var option = new Option<T[]>(name, aliases)
        {
            AllowMultipleArgumentsPerToken = true,
            HelpName = string.Join('|', names.Keys),
        };
        option.CustomParser = result => Parse(result, name, names);
        return option;
    }

    private static T[] Parse<T>(ArgumentResult result, string option, IReadOnlyDictionary<string, T> names)
    {
        var values = new List<T>();
        foreach (string item in result.Tokens.SelectMany(
            t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (names.TryGetValue(item.ToLowerInvariant(), out var value))
            {
                values.Add(value);
            }
            else
            {
                result.AddError(
                    $"{option}: '{item}' is not one of {string.Join(", ", names.Keys)}.");
            }
        }

        return [.. values];
    }

    public static readonly IReadOnlyDictionary<string, StudyDirection> Directions =
        new Dictionary<string, StudyDirection>(StringComparer.Ordinal)
        {
            ["minimize"] = StudyDirection.Minimize,
            ["maximize"] = StudyDirection.Maximize,
        };

    public static readonly IReadOnlyDictionary<string, TrialState> States =
        new Dictionary<string, TrialState>(StringComparer.Ordinal)
        {
            ["running"] = TrialState.Running,
            ["waiting"] = TrialState.Waiting,
            ["complete"] = TrialState.Complete,
            ["pruned"] = TrialState.Pruned,
            ["fail"] = TrialState.Fail,
        };
}
