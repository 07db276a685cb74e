using Hone.Distributions;

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
                && (Best is null || IsBetter(value, Best.Values![0], Directions[0])))
            {
                Best = trial;
            }
        }
    }

    private sealed class TrialRecord(StudyRecord study, long id, int number)
    {
        private FrozenTrial? _snapshot;

        public StudyRecord Study { get; } = study;

        public long Id { get; } = id;

        public int Number { get; } = number;

        public TrialState State { get; set; }

        public double[]? Values { get; set; }

        public DateTimeOffset? StartedAt { get; set; }

        public DateTimeOffset? CompletedAt { get; set; }

        public Dictionary<string, object?> Params { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Distribution> Distributions { get; } = new(StringComparer.Ordinal);

        public Dictionary<int, double> IntermediateValues { get; } = [];

        public Dictionary<string, object?> UserAttributes { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, object?> SystemAttributes { get; } = new(StringComparer.Ordinal);

        public void Touch() => _snapshot = null;

        public FrozenTrial Snapshot() => _snapshot ??= new FrozenTrial
        {
            Number = Number,
            TrialId = Id,
            State = State,
            Values = Values is null ? null : Array.AsReadOnly((double[])Values.Clone()),
            Params = new Dictionary<string, object?>(Params, StringComparer.Ordinal).AsReadOnly(),
            Distributions = new Dictionary<string, Distribution>(Distributions, StringComparer.Ordinal).AsReadOnly(),
            IntermediateValues = new Dictionary<int, double>(IntermediateValues).AsReadOnly(),
            UserAttributes = new Dictionary<string, object?>(UserAttributes, StringComparer.Ordinal).AsReadOnly(),
            SystemAttributes = new Dictionary<string, object?>(SystemAttributes, StringComparer.Ordinal).AsReadOnly(),
            StartedAt = StartedAt,
            CompletedAt = CompletedAt,
        };
    }
}
