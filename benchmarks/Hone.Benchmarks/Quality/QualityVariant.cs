using System.Globalization;
using Hone.Samplers;

namespace Hone.Benchmarks.Quality;

/// <summary>Describes one contender of the quality suite: a sampler of one framework with given settings.</summary>
/// <param name="Name">The name in tables of every study, such as <c>hone-tpe-batch16-noliar</c>.</param>
/// <param name="Family">The name on the command line, shared by the batched variants of every batch size.</param>
/// <param name="Label">The name in tables.</param>
/// <param name="CreateSampler">Hone's sampler for a seed; <see langword="null"/> for an Optuna variant.</param>
/// <param name="OptunaSampler">The sampler name quality.py knows; <see langword="null"/> for a Hone variant.</param>
/// <param name="Batch">0 for a sequential study; otherwise trials are asked this many at a time and told only when
/// the whole batch is done, as that many parallel workers would see them: the only setting in which the constant
/// liar changes anything.</param>
/// <param name="Cost">A rough relative cost per study, to start the slow runs first.</param>
internal sealed record QualityVariant(
    string Name,
    string Family,
    string Label,
    Func<int, Sampler>? CreateSampler,
    string? OptunaSampler,
    int Batch,
    double Cost)
{
    /// <summary>The name of Hone's default TPE.</summary>
    public const string HoneDefault = "hone-tpe";

    /// <summary>The name of Hone's TPE without the joint model.</summary>
    public const string HoneIndependent = "hone-tpe-independent";

    /// <summary>The name of Hone's TPE with one joint space instead of groups.</summary>
    public const string HoneNoGroup = "hone-tpe-nogroup";

    /// <summary>The name of Hone's TPE with categorical parameters in the joint groups.</summary>
    public const string HoneJointCategoricals = "hone-tpe-jointcat";

    /// <summary>The family of Hone's default TPE in batches.</summary>
    public const string HoneBatch = "hone-tpe-batch";

    /// <summary>The family of Hone's TPE in batches without the constant liar.</summary>
    public const string HoneBatchNoLiar = "hone-tpe-batch-noliar";

    /// <summary>The name of Optuna's default TPE.</summary>
    public const string OptunaDefault = "optuna-tpe";

    /// <summary>Gets the names of the families, in report order, for the command line.</summary>
    public static IReadOnlyList<string> Families { get; } =
    [
        HoneDefault, HoneIndependent, HoneNoGroup, HoneJointCategoricals, HoneBatch, HoneBatchNoLiar, "hone-random",
        OptunaDefault,
        "optuna-tpe-mv", "optuna-random",
    ];

    /// <summary>Gets whether Optuna runs this variant.</summary>
    public bool IsOptuna => OptunaSampler is not null;

    /// <summary>Returns the variants of the given families, the batched ones once per batch size, in report order.
    /// </summary>
    public static List<QualityVariant> Create(IEnumerable<string> families, IReadOnlyList<int> batches)
    {
        var wanted = families.ToHashSet(StringComparer.Ordinal);
        var variants = new List<QualityVariant>
        {
            Tpe(HoneDefault, HoneDefault, "Hone TPE (default)", _ => { }),
            Tpe(HoneIndependent, HoneIndependent, "Hone TPE, Multivariate=false", o => o.Multivariate = false),
            Tpe(HoneNoGroup, HoneNoGroup, "Hone TPE, Group=false", o => o.Group = false),
            Tpe(HoneJointCategoricals, HoneJointCategoricals, "Hone TPE, JointCategoricals=true",
                o => o.JointCategoricals = true),
        };
        foreach (int batch in batches)
        {
            variants.Add(Tpe(BatchName(batch, liar: true), HoneBatch,
                Invariant($"Hone TPE (default), batches of {batch}"), _ => { }, batch));
        }

        foreach (int batch in batches)
        {
            variants.Add(Tpe(BatchName(batch, liar: false), HoneBatchNoLiar,
                Invariant($"Hone TPE, ConstantLiar=false, batches of {batch}"), o => o.ConstantLiar = false, batch));
        }

        variants.AddRange(
        [
            new("hone-random", "hone-random", "Hone random", seed => new RandomSampler(seed), null, 0, 0.1),
            new(OptunaDefault, OptunaDefault, "Optuna TPE (default)", null, "tpe", 0, 10),
            new("optuna-tpe-mv", "optuna-tpe-mv", "Optuna TPE, multivariate+group+liar", null, "tpe-mv", 0, 10),
            new("optuna-random", "optuna-random", "Optuna random", null, "random", 0, 0.5),
        ]);
        return [.. variants.Where(v => wanted.Contains(v.Family))];
    }

    /// <summary>Returns the name of Hone's default TPE in batches of the given size, with or without the liar.
    /// </summary>
    public static string BatchName(int batch, bool liar) =>
        Invariant($"hone-tpe-batch{batch}") + (liar ? "" : "-noliar");

    private static QualityVariant Tpe(string name, string family, string label, Action<TpeSamplerOptions> configure,
        int batch = 0) => new(name, family, label, seed =>
        {
            var options = new TpeSamplerOptions { Seed = seed };
            configure(options);
            return new TpeSampler(options);
        }, null, batch, 1);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
