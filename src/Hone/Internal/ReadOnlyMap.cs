using System.Collections.ObjectModel;

namespace Hone.Internal;

/// <summary>Holds a read-only dictionary over a private copy that nothing else can reach, so it never changes and a
/// snapshot can share it without copying it again. It enumerates its entries in the order they were copied.
/// </summary>
internal sealed class ReadOnlyMap<TKey, TValue> : ReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
{
    private ReadOnlyMap(Dictionary<TKey, TValue> owned)
        : base(owned)
    {
    }

    /// <summary>Wraps a dictionary that the caller has just filled and hands over: no other reference to it may
    /// remain.</summary>
    /// <remarks>A Dictionary that only ever grows enumerates in insertion order, which keeps parameters in the
    /// order the objective suggested them.</remarks>
    public static ReadOnlyMap<TKey, TValue> Own(Dictionary<TKey, TValue> owned) => new(owned);

    /// <summary>Copies a dictionary, in its order and with its key comparer.</summary>
    public static ReadOnlyMap<TKey, TValue> CopyOf(Dictionary<TKey, TValue> source) =>
        new(new Dictionary<TKey, TValue>(source, source.Comparer));

    /// <summary>Copies any read-only dictionary, in its order, with the default key comparer.</summary>
    public static ReadOnlyMap<TKey, TValue> CopyOf(IReadOnlyDictionary<TKey, TValue> source)
    {
        var copy = new Dictionary<TKey, TValue>(source.Count);
        foreach (var (key, value) in source)
        {
            copy.Add(key, value);
        }

        return new(copy);
    }
}
