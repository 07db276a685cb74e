using System.Collections.Immutable;
using Hone.Distributions;
using Hone.Samplers.Tpe;

namespace Hone.Storages;

public sealed partial class InMemoryStorage
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
                && (Best is null || IsBetter(value, Best.Values![0], Directions[0])))
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

        public System.Collections.ObjectModel.ReadOnlyCollection<double>? Values { get; set; }

        public DateTimeOffset? StartedAt { get; set; }

        public DateTimeOffset? CompletedAt { get; set; }

        public ImmutableDictionary<string, object?> Params { get; set; } = EmptyAttributes;

        public ImmutableDictionary<string, Distribution> Distributions { get; set; } =
            ImmutableDictionary.Create<string, Distribution>(StringComparer.Ordinal);

        public ImmutableDictionary<int, double> IntermediateValues { get; set; } =
            ImmutableDictionary<int, double>.Empty;

        public ImmutableDictionary<string, object?> UserAttributes { get; set; } = EmptyAttributes;

        public ImmutableDictionary<string, object?> SystemAttributes { get; set; } = EmptyAttributes;

        private static ImmutableDictionary<string, object?> EmptyAttributes { get; } =
            ImmutableDictionary.Create<string, object?>(StringComparer.Ordinal);

        public void Touch() => _snapshot = null;

        public FrozenTrial Snapshot() => _snapshot ??= State.IsFinished() ? Compact() : Share();

        private FrozenTrial Share() => new()
        {
            Number = Number,
            TrialId = Id,
            State = State,
            Values = Values,
            Params = Params,
            Distributions = Distributions,
            IntermediateValues = IntermediateValues,
            UserAttributes = UserAttributes,
            SystemAttributes = SystemAttributes,
            StartedAt = StartedAt,
            CompletedAt = CompletedAt,
        };

        private FrozenTrial Compact() => Share() with
        {
            Params = ReadOnly(Params),
            Distributions = ReadOnly(Distributions),
            IntermediateValues = ReadOnly(IntermediateValues),
            UserAttributes = ReadOnly(UserAttributes),
            SystemAttributes = ReadOnly(SystemAttributes),
        };

        private static IReadOnlyDictionary<TKey, TValue> ReadOnly<TKey, TValue>(ImmutableDictionary<TKey, TValue> from)
            where TKey : notnull => from.Count == 0
            ? from
            : new Dictionary<TKey, TValue>(from, from.KeyComparer).AsReadOnly();
    }
}
