using System.Globalization;
using Hone.Benchmarks.Infrastructure;

namespace Hone.Benchmarks.TpeSpeed;

/// <summary>Reads the one-minute load average every few seconds while a long benchmark runs, so that its record
/// says how busy the machine was throughout rather than only at the end.</summary>
internal sealed class LoadSampler : IDisposable
{
    private readonly List<double> _samples = [];
    private readonly Lock _lock = new();
    private readonly Timer _timer;

    /// <summary>Starts sampling now and then every <paramref name="period"/>.</summary>
    public LoadSampler(TimeSpan period)
    {
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, period);
    }

    /// <summary>Describes the samples so far, such as "1.02 to 3.40, median 2.10 (48 samples every 10 s)"; or
    /// <see langword="null"/> where the system reports no load average.</summary>
    public string? Describe()
    {
        Sample();
        lock (_lock)
        {
            return _samples.Count == 0
                ? null
                : string.Create(CultureInfo.InvariantCulture,
                    $"{_samples.Min():0.00} to {_samples.Max():0.00}, median {Statistics.Median(_samples):0.00}");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        if (MachineInfo.Current().LoadAverage is { } load)
        {
            lock (_lock)
            {
                _samples.Add(load);
            }
        }
    }
}
