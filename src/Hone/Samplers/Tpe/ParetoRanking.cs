namespace Hone.Samplers.Tpe;

/// <summary>Ranks completed trials of a multi-objective study for TPE's split: whole non-dominated fronts first;
/// the front that does not fit whole is cut by greedy hypervolume subset selection.</summary>
internal static class ParetoRanking
{
    public static List<FrozenTrial> Rank(List<FrozenTrial> trials, IReadOnlyList<StudyDirection> directions, int take)
    {
        // Work on losses: every objective minimized.
        var losses = trials.Select(t => t.Values!.Select((v, i) =>
            directions[i] == StudyDirection.Minimize ? v : -v).ToArray()).ToList();
        var remaining = Enumerable.Range(0, trials.Count).ToList();
        var ranked = new List<FrozenTrial>(trials.Count);
        // Only the fronts that fill the good group need ordering; whatever follows goes to the bad group as is.
        while (remaining.Count > 0 && ranked.Count < take)
        {
            var front = remaining.Where(i => !remaining.Any(j => Dominates(losses[j], losses[i]))).ToList();
            remaining = [.. remaining.Except(front)];
            int room = take - ranked.Count;
            if (room > 0 && room < front.Count)
            {
                front = SelectByHypervolume(front, losses, room);
            }

            ranked.AddRange(front.Select(i => trials[i]));
        }

        ranked.AddRange(remaining.Select(i => trials[i]));
        return ranked;
    }

    /// <summary>Orders a front so that its first <paramref name="count"/> members greedily maximise the
    /// hypervolume they dominate; the rest follow in their original order.</summary>
    private static List<int> SelectByHypervolume(List<int> front, List<double[]> losses, int count)
    {
        if (front.Any(i => losses[i].Any(v => !double.IsFinite(v))))
        {
            return front;
        }

        int dimensions = losses[front[0]].Length;
        var reference = new double[dimensions];
        for (int d = 0; d < dimensions; d++)
        {
            double worst = front.Max(i => losses[i][d]);
            reference[d] = worst == 0 ? 1e-12 : Math.Max(1.1 * worst, 0.9 * worst);
        }

        var chosen = new List<int>();
        var left = new List<int>(front);
        for (int step = 0; step < count; step++)
        {
            int best = left.MaxBy(i => Hypervolume.Of([.. chosen.Append(i).Select(j => losses[j])], reference));
            chosen.Add(best);
            left.Remove(best);
        }

        return [.. chosen, .. left];
    }

    private static bool Dominates(double[] a, double[] b)
    {
        bool better = false;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] > b[i])
            {
                return false;
            }

            better |= a[i] < b[i];
        }

        return better;
    }
}
