using Hone.Distributions;
using Hone.Internal;

namespace Hone.Storages;

internal sealed partial class StorageState
{
    private sealed class StudyRecord(string name, StudyDirection[] directions)
    {
        public string Name { get; } = name;

        public StudyDirection[] Directions { get; } = directions;

        public List<TrialRecord> Trials { get; } = [];

        public Queue<TrialRecord> Waiting { get; } = new();

        public Dictionary<string, Distribution> ParamDistributions { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, object?> UserAttributes { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, object?> SystemAttributes { get; } = new(StringComparer.Ordinal);

        public TrialRecord? Best { get; private set; }

        public void ConsiderForBest(TrialRecord trial)
        {
            if (Directions.Length == 1 && trial.State == TrialState.Complete && trial.Values is [var value]
                && Feasibility.IsFeasible(trial.SystemAttributes)
                && (Best is null || TrialStorage.IsBetter(value, Best.Values![0], Directions[0])))
            {
                Best = trial;
            }
        }
    }

    /// <summary>Holds one trial. While it runs its collections are immutable ones, so that a snapshot shares them
    /// instead of copying; once it finishes they are compacted into plain read-only dictionaries, built once.
    /// </summary>
    private sealed class TrialRecord(StudyRecord study, long id, int number)
    {
        private FrozenTrial? _snapshot;

        public StudyRecord Study { get; } = study;

        public long Id { get; } = id;

        public int Number { get; } = number;

        public TrialState State { get; set; }

        public IReadOnlyList<double>? Values { get; set; }

        public DateTimeOffset? StartedAt { get; set; }

        /// <summary>Gets or sets when the trial last said it was alive; <see langword="null"/> when it never did.
        /// </summary>
        public DateTimeOffset? HeartbeatAt { get; set; }

        public DateTimeOffset? CompletedAt { get; set; }

        public OrderedMap<string, object?> Params { get; set; } = EmptyAttributes;

        public OrderedMap<string, Distribution> Distributions { get; set; } =
            OrderedMap<string, Distribution>.Empty(StringComparer.Ordinal);

        public OrderedMap<int, double> IntermediateValues { get; set; } = OrderedMap<int, double>.Empty();

        public OrderedMap<string, object?> UserAttributes { get; set; } = EmptyAttributes;

        public OrderedMap<string, object?> SystemAttributes { get; set; } = EmptyAttributes;

        private static OrderedMap<string, object?> EmptyAttributes { get; } =
            OrderedMap<string, object?>.Empty(StringComparer.Ordinal);

        public void Touch() => _snapshot = null;

        public FrozenTrial Snapshot() => _snapshot ??= State.IsFinished() ? Compact() : Share();

        private FrozenTrial Share() => new(
            Values, Params, Distributions, IntermediateValues, UserAttributes, SystemAttributes)
        {
            Number = Number,
            TrialId = Id,
            State = State,
            StartedAt = StartedAt,
            CompletedAt = CompletedAt,
        };

        private FrozenTrial Compact() => new(
            Values,
            Params.Compact(),
            Distributions.Compact(),
            IntermediateValues.Compact(),
            UserAttributes.Compact(),
            SystemAttributes.Compact())
        {
            Number = Number,
            TrialId = Id,
            State = State,
            StartedAt = StartedAt,
            CompletedAt = CompletedAt,
        };
    }
}
