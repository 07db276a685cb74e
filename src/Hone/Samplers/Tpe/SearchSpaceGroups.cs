using Hone.Distributions;

namespace Hone.Samplers.Tpe;

/// <summary>Infers the joint spaces of multivariate TPE from finished trials, keeping what it learnt so that each
/// new trial costs only a look at the trials that finished since.</summary>
/// <remarks>
/// <para>
/// With grouping, the parameters are partitioned into groups whose members always appear together: every trial
/// either has all of a group or none of it. A loop-dependent space such as n_layers / n_units_l{i} then becomes
/// one group per layer depth instead of collapsing to the few parameters every trial shares. Without grouping the
/// joint space is the intersection: the parameters present in every finished trial. A parameter keeps the
/// distribution of its highest-numbered trial; single-valued parameters are left out (there is nothing to model).
/// </para>
/// <para>
/// Both the partition and the intersection depend only on the set of trials, not on the order they are seen in, and
/// the groups come out sorted by name; so the result is the same whether the trials arrive at once or one by one,
/// which keeps a seeded sampler reproducible. Finished trials never change, so each is read once. Thread-safe.
/// </para>
/// </remarks>
internal sealed class SearchSpaceGroups(bool group)
{
    private readonly Lock _lock = new();
    private readonly HashSet<long> _seen = [];
    private readonly HashSet<string> _keySets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Number, Distribution Distribution)> _latest =
        new(StringComparer.Ordinal);

    private List<HashSet<string>> _groups = [];
    private HashSet<string>? _intersection;
    private List<Dictionary<string, Distribution>>? _result;

    /// <summary>Infers the groups of a fixed set of trials.</summary>
    public static List<Dictionary<string, Distribution>> Infer(IReadOnlyList<FrozenTrial> finished, bool group) =>
        new SearchSpaceGroups(group).Update(finished);

    /// <summary>Takes in the trials not seen before and returns the groups of every trial seen so far, each group
    /// ordered by name and the groups by their first name. The caller must not change the result.</summary>
    /// <param name="finished">The study's finished trials; trials seen by an earlier call may be included.</param>
    public List<Dictionary<string, Distribution>> Update(IReadOnlyList<FrozenTrial> finished)
    {
        lock (_lock)
        {
            foreach (var trial in finished)
            {
                if (_seen.Add(trial.TrialId))
                {
                    Add(trial);
                }
            }

            return _result ??= Build();
        }
    }

    private void Add(FrozenTrial trial)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, distribution) in trial.Distributions)
        {
            if (distribution.IsSingle)
            {
                continue;
            }

            keys.Add(name);
            if (!_latest.TryGetValue(name, out var latest) || latest.Number <= trial.Number)
            {
                if (latest.Distribution != distribution)
                {
                    _result = null;
                }

                _latest[name] = (trial.Number, distribution);
            }
        }

        // Refining by a key set already applied changes nothing, and most trials repeat one of a few key sets.
        if (!_keySets.Add(string.Join('\n', keys.Order(StringComparer.Ordinal))))
        {
            return;
        }

        _result = null;
        if (!group)
        {
            _intersection ??= new HashSet<string>(keys, StringComparer.Ordinal);
            _intersection.IntersectWith(keys);
            return;
        }

        var next = new List<HashSet<string>>(_groups.Count + 1);
        foreach (var existing in _groups)
        {
            var inside = new HashSet<string>(existing.Where(keys.Contains), StringComparer.Ordinal);
            var outside = new HashSet<string>(existing.Where(k => !keys.Contains(k)), StringComparer.Ordinal);
            if (inside.Count > 0)
            {
                next.Add(inside);
            }

            if (outside.Count > 0)
            {
                next.Add(outside);
            }

            keys.ExceptWith(existing);
        }

        if (keys.Count > 0)
        {
            next.Add(keys);
        }

        _groups = next;
    }

    private List<Dictionary<string, Distribution>> Build()
    {
        var groups = group ? _groups : _intersection is { Count: > 0 } ? [_intersection] : [];
        return [.. groups
            .Select(g => g.Order(StringComparer.Ordinal).ToArray())
            .Where(g => g.Length > 0)
            .OrderBy(g => g[0], StringComparer.Ordinal)
            .Select(g => g.ToDictionary(k => k, k => _latest[k].Distribution, StringComparer.Ordinal))];
    }
}
