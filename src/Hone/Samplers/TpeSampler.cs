using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Hone.Distributions;
using Hone.Internal;
using Hone.Samplers.Tpe;

namespace Hone.Samplers;

/// <summary>Chooses values with the Tree-structured Parzen Estimator: a density of good trials l(x) and of bad
/// trials g(x), and the candidate with the best ratio l/g. Hone's default sampler.</summary>
/// <remarks>
/// <para>
/// Until <see cref="TpeSamplerOptions.StartupTrials"/> trials have finished, values come from a
/// <see cref="RandomSampler"/> with the same seed. Then, for each new trial, finished trials are ranked (see
/// <see cref="TpeSamplerOptions"/>), the best γ(n) form the good group, and both groups become Parzen estimators:
/// truncated normal kernels in the parameter's internal space (log space where asked), probability mass over the
/// cell of each grid value, categorical kernels, and a broad prior kernel. <see cref="TpeSamplerOptions.EiCandidates"/>
/// candidates are drawn from l and the one maximising log l − log g is suggested.
/// </para>
/// <para>
/// With <see cref="TpeSamplerOptions.Multivariate"/>, numeric parameters that always appear together are drawn
/// jointly, group by group (<see cref="TpeSamplerOptions.Group"/>), so conditional and loop-dependent spaces keep
/// their joint model; categorical parameters are drawn on their own unless
/// <see cref="TpeSamplerOptions.JointCategoricals"/> is set, and any other parameter outside every group is drawn on
/// its own too (logged once at Debug). A trial that lacks a
/// parameter still counts in the split, and is left out of that parameter's estimators.
/// </para>
/// <para>Bergstra et al., "Algorithms for Hyper-Parameter Optimization", NeurIPS 2011; Watanabe, "Tree-structured
/// Parzen estimator: understanding its algorithm components", arXiv:2304.11127.</para>
/// </remarks>
public sealed class TpeSampler : Sampler
{
    private readonly TpeSamplerOptions _options;
    private readonly RandomSampler _startup;
    private readonly Random _random;
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<string, bool> _noted = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<Study, StudyCache> _caches = [];

    /// <summary>Creates a TPE sampler.</summary>
    /// <param name="options">The options; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public TpeSampler(TpeSamplerOptions? options = null)
    {
        options ??= new TpeSamplerOptions();
        Validate(options);
        _options = new TpeSamplerOptions
        {
            Seed = options.Seed,
            StartupTrials = options.StartupTrials,
            EiCandidates = options.EiCandidates,
            Multivariate = options.Multivariate,
            Group = options.Group,
            JointCategoricals = options.JointCategoricals,
            ConstantLiar = options.ConstantLiar,
            PriorWeight = options.PriorWeight,
            ConsiderMagicClip = options.ConsiderMagicClip,
            ConsiderEndpoints = options.ConsiderEndpoints,
            Gamma = options.Gamma,
            Constraints = options.Constraints,
        };
        _startup = new RandomSampler(options.Seed);
        _random = options.Seed is { } seed ? new Random(unchecked((seed * 31) + 17)) : new Random();
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (!_options.Multivariate)
        {
            return EmptySpace;
        }

        var finished = study.GetTrials(TrialState.Complete, TrialState.Pruned);
        if (finished.Count < _options.StartupTrials)
        {
            return EmptySpace;
        }

        var space = new Dictionary<string, Distribution>(StringComparer.Ordinal);
        foreach (var group in Groups(study, finished))
        {
            foreach (var (name, distribution) in group)
            {
                if (_options.JointCategoricals || distribution is not CategoricalDistribution)
                {
                    space[name] = distribution;
                }
            }
        }

        return space;
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, double> SampleRelative(
        Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(searchSpace);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (searchSpace.Count == 0)
        {
            return values;
        }

        var history = History(study, trial);
        var finished = study.GetTrials(TrialState.Complete, TrialState.Pruned);
        foreach (var group in Groups(study, finished))
        {
            var names = group.Keys.Where(searchSpace.ContainsKey).ToArray();
            if (names.Length == 0)
            {
                continue;
            }

            var drawn = Draw(study, history, names, [.. names.Select(n => searchSpace[n])]);
            for (int i = 0; i < names.Length; i++)
            {
                values[names[i]] = drawn[i];
            }
        }

        // Other workers' liars see the whole point at once, not only what the objective has suggested so far.
        if (_options.ConstantLiar && values.Count > 0)
        {
            study.Storage.SetTrialSystemAttribute(trial.TrialId, ObservationTable.RelativeParamsKey,
                values.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal));
        }

        return values;
    }

    /// <inheritdoc />
    public override double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(distribution);
        var history = History(study, trial);
        if (history.FinishedCount < _options.StartupTrials)
        {
            return _startup.SampleIndependent(study, trial, name, distribution);
        }

        if (_options.Multivariate && (_options.JointCategoricals || distribution is not CategoricalDistribution)
            && _noted.TryAdd(name, true))
        {
            Log.SampledIndependently(study.Logger, name);
        }

        return Draw(study, history, [name], [distribution])[0];
    }

    /// <inheritdoc />
    public override void BeforeTrial(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        Cache(study).Histories.TryRemove(trial.TrialId, out _);
    }

    /// <inheritdoc />
    /// <remarks>Evaluates the constraints of a trial about to complete and stores them on it.</remarks>
    public override void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        Cache(study).Histories.TryRemove(trial.TrialId, out _);
        if (_options.Constraints is not { } constraints || state != TrialState.Complete)
        {
            return;
        }

        var result = constraints(trial with { State = state, Values = values });
        if (result is null || result.Any(double.IsNaN))
        {
            throw new InvalidOperationException(
                $"The constraints function returned {(result is null ? "null" : "NaN")} for trial {trial.Number}; "
                + "it must return one number per constraint, feasible when <= 0.");
        }

        study.Storage.SetTrialSystemAttribute(trial.TrialId, Feasibility.ConstraintsKey, result.ToArray());
    }

    /// <inheritdoc />
    /// <remarks>Only the constraints function reads the trial, and only for a trial that completes.</remarks>
    internal override bool ReadsTrialAfterRun(TrialState state) =>
        _options.Constraints is not null && state == TrialState.Complete;

    /// <summary>Returns the joint spaces of a study's finished trials, learnt incrementally per study.</summary>
    private List<Dictionary<string, Distribution>> Groups(Study study, IReadOnlyList<FrozenTrial> finished) =>
        Cache(study).Groups.Update(finished);

    private StudyCache Cache(Study study) =>
        _caches.GetValue(study, _ => new StudyCache(
            new SearchSpaceGroups(_options.Group),
            new ObservationTable(),
            new ConcurrentDictionary<long, TpeHistory>()));

    /// <summary>Returns the split for a trial, computed once per trial and reused by all its suggestions.</summary>
    private TpeHistory History(Study study, FrozenTrial trial)
    {
        var cache = Cache(study);
        return cache.Histories.GetOrAdd(trial.TrialId, _ =>
        {
            var history = TpeHistory.Load(study, trial, _options);
            cache.Table.Update(history.Finished);
            return history;
        });
    }

    /// <summary>Draws one joint value for the given parameters: candidates from l, the best log l − log g.</summary>
    private double[] Draw(Study study, TpeHistory history, string[] names, Distribution[] distributions)
    {
        var spaces = distributions.Select(KernelSpace.For).ToArray();
        var table = Cache(study).Table;
        var below = table.Observe(history.Below, names, distributions);
        var above = table.Observe(history.Above, names, distributions);
        double[] belowWeights = history.MultiObjective
            ? Enumerable.Repeat(1.0, below.Count).ToArray()
            : ParzenEstimator.DefaultWeights(below.Count);
        var good = new ParzenEstimator(spaces, below, belowWeights, _options);
        var bad = new ParzenEstimator(spaces, above, ParzenEstimator.DefaultWeights(above.Count), _options);
        double[][] candidates;
        lock (_lock)
        {
            candidates = good.Sample(_random, _options.EiCandidates);
        }

        double[] goodScores = good.LogPdf(candidates);
        double[] badScores = bad.LogPdf(candidates);
        int best = 0;
        for (int c = 1; c < candidates.Length; c++)
        {
            if (goodScores[c] - badScores[c] > goodScores[best] - badScores[best])
            {
                best = c;
            }
        }

        return candidates[best];
    }

    private static void Validate(TpeSamplerOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.StartupTrials, nameof(options.StartupTrials));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.EiCandidates, 1, nameof(options.EiCandidates));
        Guard.FinitePositive(options.PriorWeight, nameof(options.PriorWeight));
    }

    /// <summary>What the sampler keeps per study (a sampler may serve several): the joint spaces, the observed values,
    /// and the split of each running trial, computed once and reused by all its suggestions (trial identifiers are
    /// unique only within a storage).</summary>
    private sealed record StudyCache(
        SearchSpaceGroups Groups, ObservationTable Table, ConcurrentDictionary<long, TpeHistory> Histories);
}
