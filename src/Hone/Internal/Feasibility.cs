namespace Hone.Internal;

/// <summary>Reads the constraint values a sampler stored on a trial.</summary>
internal static class Feasibility
{
    /// <summary>Names the system attribute that holds a trial's constraint values (feasible when all &lt;= 0).
    /// </summary>
    public const string ConstraintsKey = "constraints";

    public static bool IsFeasible(IReadOnlyDictionary<string, object?> systemAttributes) =>
        Violation(systemAttributes) <= 0;

    /// <summary>Returns the sum of the positive constraint values, 0 for a trial without constraints.</summary>
    public static double Violation(IReadOnlyDictionary<string, object?> systemAttributes)
    {
        if (!systemAttributes.TryGetValue(ConstraintsKey, out object? stored)
            || stored is not IEnumerable<object?> list)
        {
            return 0;
        }

        double total = 0;
        foreach (object? value in list)
        {
            total += Math.Max(0, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
        }

        return total;
    }
}
