using Hone.Distributions;

namespace Hone.Samplers.Tpe;

/// <summary>Infers the joint spaces of multivariate TPE from finished trials.</summary>
/// <remarks>
/// With grouping, the parameters are partitioned into groups whose members always appear together: every trial
/// either has all of a group or none of it. A loop-dependent space such as n_layers / n_units_l{i} then becomes
/// one group per layer depth instead of collapsing to the few parameters every trial shares. Without grouping the
/// joint space is the intersection: the parameters present in every finished trial. A parameter keeps the
/// distribution of its latest trial; single-valued parameters are left out (there is nothing to model).
/// </remarks>
internal static class SearchSpaceGroups
{
    public static List<Dictionary<string, Distribution>> Infer(IReadOnlyList<FrozenTrial> finished, bool group)
    {
        var latest = new Dictionary<string, Distribution>(StringComparer.Ordinal);
        var groups = new List<HashSet<string>>();
        HashSet<string>? intersection = null;
        foreach (var trial in finished)
        {
            var keys = new HashSet<string>(
                trial.Distributions.Where(p => !p.Value.IsSingle).Select(p => p.Key), StringComparer.Ordinal);
            foreach (string key in keys)
            {
                latest[key] = trial.Distributions[key];
            }

            if (!group)
            {
                intersection ??= new HashSet<string>(keys, StringComparer.Ordinal);
                intersection.IntersectWith(keys);
                continue;
            }

            var next = new List<HashSet<string>>(groups.Count + 1);
            foreach (var existing in groups)
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

            groups = next;
        }

        if (!group)
        {
            groups = intersection is { Count: > 0 } ? [intersection] : [];
        }

        return [.. groups.Select(g => g.OrderBy(k => k, StringComparer.Ordinal)
            .Where(k => !latest[k].IsSingle)
            .ToDictionary(k => k, k => latest[k], StringComparer.Ordinal))
            .Where(g => g.Count > 0)];
    }
}
