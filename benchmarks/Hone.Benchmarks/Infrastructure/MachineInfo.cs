using System.Globalization;
using System.Runtime.InteropServices;

namespace Hone.Benchmarks.Infrastructure;

/// <summary>Describes the machine and runtime a benchmark ran on, for the record in docs/benchmarks.md.</summary>
/// <param name="Cpu">The processor model, or "unknown".</param>
/// <param name="Cores">The logical processors available to the process.</param>
/// <param name="Os">The operating system.</param>
/// <param name="Runtime">The .NET runtime.</param>
/// <param name="LoadAverage">The one-minute load average when the description was taken, where the system reports
/// one: other work on the machine slows both sides and makes the figures noisier.</param>
internal sealed record MachineInfo(string Cpu, int Cores, string Os, string Runtime, double? LoadAverage)
{
    /// <summary>Describes the current machine.</summary>
    public static MachineInfo Current() => new(
        ReadCpuModel() ?? "unknown",
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        ReadLoadAverage());

    /// <summary>Returns a one-line summary.</summary>
    public override string ToString()
    {
        string summary = string.Create(CultureInfo.InvariantCulture, $"{Cpu}, {Cores} logical cores; {Os}; {Runtime}");
        return LoadAverage is { } load
            ? string.Create(CultureInfo.InvariantCulture, $"{summary}; load average {load:0.00} at the end")
            : summary;
    }

    private static string? ReadCpuModel()
    {
        const string CpuInfo = "/proc/cpuinfo";
        if (!File.Exists(CpuInfo))
        {
            return null;
        }

        foreach (string line in File.ReadLines(CpuInfo))
        {
            if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal)
                is var colon and >= 0)
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    private static double? ReadLoadAverage()
    {
        const string LoadAverageFile = "/proc/loadavg";
        if (!File.Exists(LoadAverageFile))
        {
            return null;
        }

        string first = File.ReadAllText(LoadAverageFile).Split(' ', 2)[0];
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out double load) ? load : null;
    }
}
