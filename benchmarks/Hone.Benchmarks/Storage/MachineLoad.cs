using System.Globalization;

namespace Hone.Benchmarks.Storage;

/// <summary>Reads how busy the machine's processors have been, from <c>/proc/stat</c> (Linux); elsewhere it reads
/// nothing.</summary>
internal static class MachineLoad
{
    private const string StatFile = "/proc/stat";

    /// <summary>Returns the processor time spent busy and in all, summed over the processors since boot, in
    /// seconds; <see langword="null"/> where the system does not say.</summary>
    public static (double Busy, double Total)? Read()
    {
        if (!File.Exists(StatFile))
        {
            return null;
        }

        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice", in clock ticks (USER_HZ, 100).
        string[] fields = File.ReadLines(StatFile).First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double[] ticks = [.. fields.Skip(1).Take(8).Select(f => double.Parse(f, CultureInfo.InvariantCulture))];
        double total = ticks.Sum();
        double idle = ticks[3] + ticks[4];
        return ((total - idle) / 100, total / 100);
    }
}
