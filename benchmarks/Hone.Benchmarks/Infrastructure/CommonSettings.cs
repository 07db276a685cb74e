namespace Hone.Benchmarks.Infrastructure;

/// <summary>Holds the values of the shared options.</summary>
internal sealed record CommonSettings(
    int Repeat, int Seed, double WarmupSeconds, string Python, bool RunOptuna, bool WriteDocs);
