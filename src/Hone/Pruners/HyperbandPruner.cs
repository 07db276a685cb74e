using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text;
using Hone.Internal;

namespace Hone.Pruners;

/// <summary>Stops trials with Hyperband: several successive-halving brackets, from aggressive (stop early, try many)
/// to conservative (train longer, try few), among which trials are spread by a fixed budget.</summary>
/// <remarks>
/// <para>
/// With resources from <c>MinResource</c> to <c>MaxResource</c> and factor η there are
/// <c>⌊log_η(MaxResource / MinResource)⌋ + 1</c> brackets, counted in exact integer arithmetic. Bracket i is a
/// <see cref="SuccessiveHalvingPruner"/> whose first rung is at <c>MinResource · η^i</c>, and it receives
/// <c>⌈k · η^(k−1−i) / (k − i)⌉</c> trials of every B, the sum of these budgets (k brackets): the first-rung sizes
/// of Li et al.'s table. A trial's bracket is fixed by the CRC-32 of "{study name}_{trial number}", so it is the same
/// in every process and every run of a study with the same name. Each bracket compares its trials only with its own,
/// and the sampler learns only from the trials of the bracket it samples for, so that brackets of different
/// budgets do not mix in one model. A model-based sampler therefore needs its start-up trials in each bracket.
/// </para>
/// <para>Li et al., "Hyperband: A Novel Bandit-Based Approach to Hyperparameter Optimization", JMLR 18 (2018).
/// </para>
/// </remarks>
public sealed class HyperbandPruner : Pruner
{
    /// <summary>Names the study system attribute that keeps an automatic maximum resource once found.</summary>
    internal const string MaxResourceKey = "hyperband:max_resource";

    private readonly HyperbandPrunerOptions _options;
    private readonly ConditionalWeakTable<Study, Schedule> _schedules = [];

    /// <summary>Creates a Hyperband pruner.</summary>
    /// <param name="options">The options; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public HyperbandPruner(HyperbandPrunerOptions? options = null)
    {
        options ??= new HyperbandPrunerOptions();
        Guard.AtLeast(options.MinResource, 1, nameof(options.MinResource));
        Guard.AtLeast(options.ReductionFactor, 2, nameof(options.ReductionFactor));
        Guard.AtLeast(options.BootstrapCount, 0, nameof(options.BootstrapCount));
        if (options.MaxResource is { } max && max < options.MinResource)
        {
            throw new ArgumentException(
                $"'MinResource <= MaxResource' must hold, but got MinResource={options.MinResource}, "
                + $"MaxResource={max}.",
                nameof(options));
        }

        _options = new HyperbandPrunerOptions
        {
            MinResource = options.MinResource,
            MaxResource = options.MaxResource,
            ReductionFactor = options.ReductionFactor,
            BootstrapCount = options.BootstrapCount,
        };
    }

    /// <inheritdoc />
    public override bool Prune(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.LastStep is null || ScheduleOf(study) is not { } schedule)
        {
            return false;
        }

        int bracket = schedule.BracketOf(study.Name, trial.Number);
        return schedule.Pruners[bracket].Prune(study.PartitionView(trial.Number), trial);
    }

    /// <summary>Returns Hyperband's brackets for a range of resources, as in Li et al.'s table: for (1, 81, 3), five
    /// brackets whose rungs are (81, 1) (27, 3) (9, 9) (3, 27) (1, 81), then (34, 3) (11, 9) (3, 27) (1, 81), and
    /// so on down to (5, 81).</summary>
    /// <param name="minResource">The smallest resource, at least 1.</param>
    /// <param name="maxResource">The largest resource, at least <paramref name="minResource"/>.</param>
    /// <param name="reductionFactor">η, at least 2.</param>
    /// <returns>The brackets, most aggressive first.</returns>
    /// <exception cref="ArgumentException">An argument is out of range.</exception>
    public static IReadOnlyList<HyperbandBracket> Brackets(int minResource, int maxResource, int reductionFactor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minResource, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reductionFactor, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResource, minResource);

        // k = ⌊log_η(max/min)⌋ + 1: the largest s with min·η^s <= max, found by multiplying, never by a logarithm.
        int count = 1;
        for (long resource = (long)minResource * reductionFactor; resource <= maxResource; resource *= reductionFactor)
        {
            count++;
        }

        var brackets = new HyperbandBracket[count];
        for (int i = 0; i < count; i++)
        {
            long power = Power(reductionFactor, count - 1 - i);
            int budget = (int)(((count * power) + (count - i) - 1) / (count - i));
            var rungs = new List<HyperbandRung>();
            long resource = minResource * Power(reductionFactor, i);
            for (long trials = budget; rungs.Count < count - i; trials /= reductionFactor)
            {
                rungs.Add(new HyperbandRung((int)trials, resource));
                resource *= reductionFactor;
            }

            brackets[i] = new HyperbandBracket(i, budget, rungs);
        }

        return brackets;
    }

    /// <summary>Returns the bracket of a trial: the CRC-32 of "{studyName}_{trialNumber}" (UTF-8) modulo the total
    /// budget, placed along the brackets' cumulative budgets.</summary>
    /// <param name="studyName">The study's name.</param>
    /// <param name="trialNumber">The trial's number.</param>
    /// <param name="brackets">The brackets, from <see cref="Brackets"/>.</param>
    /// <returns>The bracket's index.</returns>
    public static int BracketOf(string studyName, int trialNumber, IReadOnlyList<HyperbandBracket> brackets)
    {
        ArgumentNullException.ThrowIfNull(studyName);
        ArgumentNullException.ThrowIfNull(brackets);
        uint hash = Crc32.HashToUInt32(Encoding.UTF8.GetBytes($"{studyName}_{trialNumber}"));
        long slot = hash % (uint)brackets.Sum(b => b.Budget);
        for (int i = 0; i < brackets.Count; i++)
        {
            slot -= brackets[i].Budget;
            if (slot < 0)
            {
                return i;
            }
        }

        return brackets.Count - 1;
    }

    /// <inheritdoc />
    public override int? SamplerPartition(Study study, int trialNumber) =>
        ScheduleOf(study)?.BracketOf(study.Name, trialNumber);

    /// <summary>Returns the brackets this pruner uses in a study.</summary>
    /// <param name="study">The study.</param>
    /// <returns>The brackets, most aggressive first; <see langword="null"/> while an automatic maximum resource is
    /// not known (no trial has completed), during which nothing is pruned and the sampler sees every trial.
    /// </returns>
    public IReadOnlyList<HyperbandBracket>? GetBrackets(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return ScheduleOf(study)?.Brackets;
    }

    private Schedule? ScheduleOf(Study study)
    {
        if (_schedules.TryGetValue(study, out var known))
        {
            return known;
        }

        if (MaxResource(study) is not ({ } max, bool settled))
        {
            return null;
        }

        var schedule = new Schedule(
            Brackets(_options.MinResource, Math.Max(max, _options.MinResource), _options.ReductionFactor), _options);

        // A value this worker has just stored is used once but not kept: another worker may have stored its own at
        // the same moment, and the next call reads back the one that stayed, so that every worker settles on it.
        return settled ? _schedules.GetValue(study, _ => schedule) : schedule;
    }

    /// <summary>Returns the maximum resource, and whether it is settled (given, or read from the study) rather than
    /// just found by this worker; <see langword="null"/> while no trial has completed.</summary>
    private (int Value, bool Settled)? MaxResource(Study study)
    {
        if (_options.MaxResource is { } given)
        {
            return (given, true);
        }

        if (study.Storage.GetStudySystemAttributes(study.StudyId).GetValueOrDefault(MaxResourceKey) is long stored)
        {
            return ((int)stored, true);
        }

        int? lastStep = study.GetTrials(TrialState.Complete).Max(t => t.LastStep);
        if (lastStep is null)
        {
            return null;
        }

        study.Storage.SetStudySystemAttribute(study.StudyId, MaxResourceKey, lastStep.Value + 1);
        return (lastStep.Value + 1, false);
    }

    private static long Power(int factor, int exponent)
    {
        long result = 1;
        for (int i = 0; i < exponent; i++)
        {
            result *= factor;
        }

        return result;
    }

    /// <summary>Holds what a study's brackets need: the table, one successive-halving pruner per bracket, and the
    /// bracket of each trial number seen so far.</summary>
    private sealed class Schedule
    {
        private readonly ConcurrentDictionary<int, int> _bracketOfTrial = new();

        public Schedule(IReadOnlyList<HyperbandBracket> brackets, HyperbandPrunerOptions options)
        {
            Brackets = brackets;
            Pruners = [.. brackets.Select(b => new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions
            {
                MinResource = options.MinResource,
                ReductionFactor = options.ReductionFactor,
                MinEarlyStoppingRate = b.Id,
                BootstrapCount = options.BootstrapCount,
            }))];
        }

        public IReadOnlyList<HyperbandBracket> Brackets { get; }

        public SuccessiveHalvingPruner[] Pruners { get; }

        public int BracketOf(string studyName, int trialNumber) =>
            _bracketOfTrial.GetOrAdd(trialNumber, n => HyperbandPruner.BracketOf(studyName, n, Brackets));
    }
}
