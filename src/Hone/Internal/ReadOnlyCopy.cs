using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Hone.Internal;

/// <summary>Makes the read-only copies a <see cref="FrozenTrial"/> keeps of the collections it is given, so that
/// the snapshot does not change when its caller later changes theirs.</summary>
internal static class ReadOnlyCopy
{
    /// <summary>Returns <paramref name="source"/> itself when it cannot change, or else a read-only copy that keeps
    /// its order and, for a <see cref="Dictionary{TKey, TValue}"/>, its key comparer.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is <see langword="null"/>; the message
    /// names <paramref name="name"/>.</exception>
    public static IReadOnlyDictionary<TKey, TValue> Of<TKey, TValue>(
        IReadOnlyDictionary<TKey, TValue> source, string name)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(source, name);
        return source switch
        {
            // Storage builds a snapshot from its own immutable maps on every read of a trial; those (and the BCL's
            // immutable dictionaries) are shared, since copying them would only cost time on that hot path.
            OrderedMap<TKey, TValue> or ReadOnlyMap<TKey, TValue> => source,
            FrozenDictionary<TKey, TValue> or ImmutableDictionary<TKey, TValue>
                or ImmutableSortedDictionary<TKey, TValue> => source,
            { Count: 0 } => FrozenDictionary<TKey, TValue>.Empty,
            Dictionary<TKey, TValue> dictionary => ReadOnlyMap<TKey, TValue>.CopyOf(dictionary),
            _ => ReadOnlyMap<TKey, TValue>.CopyOf(source),
        };
    }

    /// <summary>Returns <paramref name="source"/> itself when it cannot change, or else an immutable copy;
    /// <see langword="null"/> stays <see langword="null"/>.</summary>
    public static IReadOnlyList<double>? Of(IReadOnlyList<double>? source) => source switch
    {
        null => null,
        ImmutableArray<double> or ImmutableList<double> => source,
        _ => ImmutableArray.CreateRange(source),
    };
}
