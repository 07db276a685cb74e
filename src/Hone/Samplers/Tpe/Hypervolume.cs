namespace Hone.Samplers.Tpe;

/// <summary>Computes the hypervolume that a set of loss vectors dominates up to a reference point, exactly, by
/// slicing along the last objective.</summary>
internal static class Hypervolume
{
    public static double Of(IReadOnlyList<double[]> points, double[] reference) =>
        Slice([.. points.Where(p => Below(p, reference))], reference, reference.Length);

    private static double Slice(List<double[]> points, double[] reference, int dimensions)
    {
        if (points.Count == 0)
        {
            return 0;
        }

        if (dimensions == 1)
        {
            return reference[0] - points.Min(p => p[0]);
        }

        int last = dimensions - 1;
        var sorted = points.OrderBy(p => p[last]).ToList();
        double volume = 0;
        for (int i = 0; i < sorted.Count; i++)
        {
            double top = i + 1 < sorted.Count ? sorted[i + 1][last] : reference[last];
            double height = top - sorted[i][last];
            if (height > 0)
            {
                volume += height * Slice(sorted.GetRange(0, i + 1), reference, last);
            }
        }

        return volume;
    }

    private static bool Below(double[] point, double[] reference)
    {
        for (int i = 0; i < point.Length; i++)
        {
            if (!(point[i] < reference[i]))
            {
                return false;
            }
        }

        return true;
    }
}
