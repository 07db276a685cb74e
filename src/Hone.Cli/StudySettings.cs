using System.Globalization;
using Hone.Pruners;
using Hone.Samplers;
using Hone.Storages;

namespace Hone.Cli;

/// <summary>The sampler and pruner chosen for a study by <c>hone create-study</c>, kept in the study's system
/// attributes so that every later <c>ask</c> and <c>report</c>, in whatever process, uses the same ones.</summary>
/// <param name="Sampler">The sampler's name: tpe or random.</param>
/// <param name="Seed">The sampler's seed, or null for a fresh one each time.</param>
/// <param name="Pruner">The pruner's name: none, median, asha, hyperband or wilcoxon.</param>
internal sealed record StudySettings(string Sampler, int? Seed, string Pruner)
{
    public const string SamplerKey = "hone.cli:sampler";
    public const string SeedKey = "hone.cli:seed";
    public const string PrunerKey = "hone.cli:pruner";

    public static readonly string[] SamplerNames = ["tpe", "random"];
    public static readonly string[] PrunerNames = ["none", "median", "asha", "hyperband", "wilcoxon"];

    public static StudySettings Default { get; } = new("tpe", null, "none");

    /// <summary>Reads the settings of a study; a study created by the library has the defaults.</summary>
    public static StudySettings Read(TrialStorage storage, string studyName)
    {
        var attributes = storage.GetStudySystemAttributes(storage.GetStudyId(studyName));
        return new StudySettings(
            attributes.GetValueOrDefault(SamplerKey) as string ?? Default.Sampler,
            attributes.GetValueOrDefault(SeedKey) is long seed ? (int)seed : null,
            attributes.GetValueOrDefault(PrunerKey) as string ?? Default.Pruner);
    }

    /// <summary>Writes the settings into a study's system attributes.</summary>
    public void Write(TrialStorage storage, long studyId)
    {
        storage.SetStudySystemAttribute(studyId, SamplerKey, Sampler);
        storage.SetStudySystemAttribute(studyId, SeedKey, Seed is { } seed ? (long)seed : null);
        storage.SetStudySystemAttribute(studyId, PrunerKey, Pruner);
    }

    /// <summary>Creates the sampler for the next trial.</summary>
    /// <remarks>Each <c>hone ask</c> is a new process, so a sampler seeded with the study's seed alone would draw
    /// the same values every time. The seed is mixed with the number of trials the study holds: the same seed and
    /// the same history give the same values, and each new trial gets new ones.</remarks>
    public Sampler CreateSampler(TrialStorage storage, string studyName)
    {
        int? seed = Seed is { } s ? Mix(s, storage.GetAllTrials(storage.GetStudyId(studyName)).Count) : null;
        return Sampler switch
        {
            "random" => new RandomSampler(seed),
            "tpe" => new TpeSampler(new TpeSamplerOptions { Seed = seed }),
            var other => throw new CliException(
                $"The study's sampler '{other}' (system attribute {SamplerKey}) is not one this hone knows: "
                + $"{string.Join(", ", SamplerNames)}."),
        };
    }

    /// <summary>Creates the study's pruner.</summary>
    public Pruner CreatePruner() => Pruner switch
    {
        "none" => new NopPruner(),
        "median" => new MedianPruner(),
        "asha" => new SuccessiveHalvingPruner(),
        "hyperband" => new HyperbandPruner(),
        "wilcoxon" => new WilcoxonPruner(),
        var other => throw new CliException(
            $"The study's pruner '{other}' (system attribute {PrunerKey}) is not one this hone knows: "
            + $"{string.Join(", ", PrunerNames)}."),
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"sampler {Sampler}{(Seed is { } s ? $" (seed {s})" : "")}, pruner {Pruner}");

    // SplitMix64's finaliser over the seed and the trial count: nearby inputs give unrelated seeds.
    private static int Mix(int seed, int trials)
    {
        ulong z = ((ulong)(uint)seed << 32) | (uint)trials;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }
}
