using System.Diagnostics;

namespace Hone.Benchmarks.Quality;

/// <summary>Runs Hone's side of the quality suite: one in-memory study per call, on the calling thread.</summary>
internal static class HoneQuality
{
    /// <summary>Gets Hone's name and version, such as "Hone 1.0.0".</summary>
    public static string Framework =>
        $"Hone {typeof(Study).Assembly.GetName().Version?.ToString(3) ?? "?"}";

    /// <summary>Runs one study and returns its best value.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="variant">A Hone variant.</param>
    /// <param name="seed">The sampler's seed.</param>
    /// <param name="trials">The number of trials.</param>
    public static QualityRun Run(QualityProblem problem, QualityVariant variant, int seed, int trials)
    {
        var study = Study.Create(new StudyOptions
        {
            Sampler = variant.CreateSampler!(seed),
            Direction = StudyDirection.Minimize,
        });
        long begin = Stopwatch.GetTimestamp();
        if (variant.Batch > 0)
        {
            RunBatched(study, problem.Objective, trials, variant.Batch);
        }
        else
        {
            study.Optimize(problem.Objective, trials);
        }

        double seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        return new QualityRun(problem.Name, variant.Name, seed, study.BestValue, seconds);
    }

    /// <summary>Asks <paramref name="batch"/> trials, each evaluated as soon as it is asked but told only when the
    /// whole batch is done: what a study sees from that many parallel workers, without threads, so the run repeats
    /// exactly. Each trial is sampled while the earlier ones of its batch are running, with their parameters set.
    /// </summary>
    private static void RunBatched(Study study, Func<Trial, double> objective, int trials, int batch)
    {
        var pending = new List<(Trial Trial, double Value)>(batch);
        for (int done = 0; done < trials; done += pending.Count)
        {
            pending.Clear();
            int size = Math.Min(batch, trials - done);
            for (int i = 0; i < size; i++)
            {
                var trial = study.Ask();
                pending.Add((trial, objective(trial)));
            }

            foreach (var (trial, value) in pending)
            {
                study.Tell(trial, value);
            }
        }
    }
}
