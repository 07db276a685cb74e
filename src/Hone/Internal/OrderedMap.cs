using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Hone.Internal;

/// <summary>Holds an immutable dictionary that enumerates its keys in the order they were first added, so that a
/// trial's parameters read back in the order the objective suggested them.</summary>
internal sealed class OrderedMap<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
{
    private readonly ImmutableDictionary<TKey, TValue> _map;
    private readonly ImmutableList<TKey> _order;

    private OrderedMap(ImmutableDictionary<TKey, TValue> map, ImmutableList<TKey> order)
    {
        _map = map;
        _order = order;
    }

    public static OrderedMap<TKey, TValue> Empty(IEqualityComparer<TKey>? comparer = null) =>
        new(ImmutableDictionary.Create<TKey, TValue>(comparer), []);

    public int Count => _map.Count;

    public IEnumerable<TKey> Keys => _order;

    public IEnumerable<TValue> Values => _order.Select(k => _map[k]);

    public TValue this[TKey key] => _map[key];

    public OrderedMap<TKey, TValue> SetItem(TKey key, TValue value) =>
        new(_map.SetItem(key, value), _map.ContainsKey(key) ? _order : _order.Add(key));

    public OrderedMap<TKey, TValue> SetItems(IEnumerable<KeyValuePair<TKey, TValue>> items)
    {
        var result = this;
        foreach (var (key, value) in items)
        {
            result = result.SetItem(key, value);
        }

        return result;
    }

    /// <summary>Copies the entries, in order, into a plain read-only dictionary (compact once nothing changes).
    /// </summary>
    public IReadOnlyDictionary<TKey, TValue> Compact()
    {
        if (Count == 0)
        {
            return this;
        }

        var copy = new Dictionary<TKey, TValue>(Count, _map.KeyComparer);
        foreach (var key in _order)
        {
            copy.Add(key, _map[key]);
        }

        return ReadOnlyMap<TKey, TValue>.Own(copy);
    }

    public bool ContainsKey(TKey key) => _map.ContainsKey(key);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _map.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() =>
        _order.Select(k => new KeyValuePair<TKey, TValue>(k, _map[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
