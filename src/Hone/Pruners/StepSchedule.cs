namespace Hone.Pruners;

/// <summary>Decides at which reported steps a pruner with a warm-up and an interval looks at a trial at all.
/// </summary>
internal static class StepSchedule
{
    /// <summary>Tells whether <paramref name="step"/>, the trial's last reported step, is a step to check.</summary>
    /// <remarks>
    /// Steps below <paramref name="warmupSteps"/> are never checked, so steps 0 to warmup − 1 are protected and step
    /// warmup is the first that can prune. Past the warm-up the steps fall into windows of
    /// <paramref name="intervalSteps"/> that start at warmup, warmup + interval, and so on; only the first step the
    /// trial reports inside a window is checked. A trial that skips a window's first step is checked at the next
    /// step it reports there, as Optuna postpones such a check.
    /// </remarks>
    public static bool IsCheckStep(
        IReadOnlyDictionary<int, double> reported, int step, int warmupSteps, int intervalSteps)
    {
        if (step < warmupSteps)
        {
            return false;
        }

        int windowStart = ((step - warmupSteps) / intervalSteps * intervalSteps) + warmupSteps;
        int previous = -1;
        foreach (int s in reported.Keys)
        {
            if (s != step && s > previous)
            {
                previous = s;
            }
        }

        // The window's first report is the one with no earlier report in the same window.
        return previous < windowStart;
    }
}
