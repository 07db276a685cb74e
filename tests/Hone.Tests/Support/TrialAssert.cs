using System.Collections;

namespace Hone.Tests.Support;

/// <summary>Compares snapshots field by field, with the types of parameter and attribute values, so that a trial
/// read back from a storage can be checked against the trial written.</summary>
internal static class TrialAssert
{
    public static void Same(FrozenTrial expected, FrozenTrial actual)
    {
        Assert.Equal(expected.Number, actual.Number);
        Assert.Equal(expected.TrialId, actual.TrialId);
        Assert.Equal(expected.State, actual.State);
        Assert.Equal(expected.StartedAt, actual.StartedAt);
        Assert.Equal(expected.CompletedAt, actual.CompletedAt);
        Assert.Equal(expected.Values, actual.Values);
        Assert.Equal(expected.Distributions.Keys, actual.Distributions.Keys);
        foreach (var (name, distribution) in expected.Distributions)
        {
            Assert.Equal(distribution, actual.Distributions[name]);
        }

        SameValue(expected.Params, actual.Params, "params");
        Assert.Equal(expected.IntermediateValues, actual.IntermediateValues);
        SameValue(expected.UserAttributes, actual.UserAttributes, "user attributes");
        SameValue(expected.SystemAttributes, actual.SystemAttributes, "system attributes");
    }

    /// <summary>Compares two values deeply: same types (a long is not a double), same order of keys and items.
    /// </summary>
    public static void SameValue(object? expected, object? actual, string path)
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{path}: expected null, got {actual}");
                break;
            case IReadOnlyDictionary<string, object?> dictionary:
                var other = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(actual);
                Assert.Equal(dictionary.Keys, other.Keys);
                foreach (var (key, value) in dictionary)
                {
                    SameValue(value, other[key], $"{path}.{key}");
                }

                break;
            case IEnumerable list when expected is not string:
                var items = Assert.IsAssignableFrom<IEnumerable>(actual).Cast<object?>().ToList();
                var expectedItems = list.Cast<object?>().ToList();
                Assert.Equal(expectedItems.Count, items.Count);
                for (int i = 0; i < items.Count; i++)
                {
                    SameValue(expectedItems[i], items[i], $"{path}[{i}]");
                }

                break;
            default:
                Assert.True(actual is not null && actual.GetType() == expected.GetType(),
                    $"{path}: expected a {expected.GetType().Name}, got {actual?.GetType().Name ?? "null"}");
                Assert.Equal(expected, actual);
                break;
        }
    }
}
