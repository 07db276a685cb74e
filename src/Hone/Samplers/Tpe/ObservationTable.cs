using System.Globalization;
using Hone.Distributions;

namespace Hone.Samplers.Tpe;

/// <summary>Keeps the internal values of a study's finished trials in one column per parameter, each with its rows
/// in value order, so that building the estimators for a new trial reads flat arrays and needs no sorting.</summary>
/// <remarks>
/// A finished trial never changes, so each is converted once, when first seen, and inserted into the sorted order
/// of each of its parameters (a binary search and a block move). A running trial (the constant liar puts them in
/// the bad group) is read from its parameters every time. A missing parameter is NaN in its column: no internal
/// value is NaN. Thread-safe.
/// </remarks>
internal sealed class ObservationTable
{
    /// <summary>Names the system attribute in which a running trial keeps its joint draw (parameter name to
    /// internal value), so that the constant liar sees the whole point before the objective has suggested it.
    /// </summary>
    public const string RelativeParamsKey = "tpe:relative_params";

    private readonly Lock _lock = new();
    private readonly Dictionary<long, int> _rows = [];
    private readonly Dictionary<string, Column> _columns = new(StringComparer.Ordinal);

    /// <summary>Takes in the finished trials not seen before.</summary>
    public void Update(IReadOnlyList<FrozenTrial> finished)
    {
        lock (_lock)
        {
            foreach (var trial in finished)
            {
                if (_rows.ContainsKey(trial.TrialId))
                {
                    continue;
                }

                int row = _rows.Count;
                _rows.Add(trial.TrialId, row);
                foreach (var (name, distribution) in trial.Distributions)
                {
                    if (!_columns.TryGetValue(name, out var column))
                    {
                        column = new Column();
                        _columns.Add(name, column);
                    }

                    column.Add(row, distribution.ToInternal(trial.Params[name]));
                }
            }
        }
    }

    /// <summary>Collects, per parameter, the values of the trials that have every one of the parameters, in the
    /// order of <paramref name="trials"/>, and for numeric parameters the observations in value order.</summary>
    public Observations Observe(IReadOnlyList<FrozenTrial> trials, string[] names, Distribution[] distributions)
    {
        var values = new double[names.Length][];
        for (int d = 0; d < names.Length; d++)
        {
            values[d] = new double[trials.Count];
        }

        var orders = new int[]?[names.Length];
        int count = 0;
        lock (_lock)
        {
            var sources = new Column?[names.Length];
            for (int d = 0; d < names.Length; d++)
            {
                sources[d] = _columns.GetValueOrDefault(names[d]);
            }

            // Where each stored row landed among the observations (−1: not observed), and which observations came
            // from running trials, outside the table.
            var observationOfRow = new int[_rows.Count];
            Array.Fill(observationOfRow, -1);
            List<int>? outside = null;
            foreach (var trial in trials)
            {
                if (_rows.TryGetValue(trial.TrialId, out int row))
                {
                    if (ReadStored(row, sources, values, count))
                    {
                        observationOfRow[row] = count++;
                    }
                }
                else if (ReadLive(trial, names, distributions, values, count))
                {
                    (outside ??= []).Add(count++);
                }
            }

            for (int d = 0; d < names.Length; d++)
            {
                if (distributions[d] is not CategoricalDistribution)
                {
                    orders[d] = sources[d] is { } source
                        ? source.Order(observationOfRow, count, values[d], outside)
                        : Column.SortOutside(values[d], outside);
                }
            }
        }

        if (count < trials.Count)
        {
            for (int d = 0; d < names.Length; d++)
            {
                Array.Resize(ref values[d], count);
            }
        }

        return new Observations(values, orders, count);
    }

    private static bool ReadStored(int row, Column?[] sources, double[][] values, int at)
    {
        for (int d = 0; d < sources.Length; d++)
        {
            if (sources[d]?.ValueAt(row) is not { } value || double.IsNaN(value))
            {
                return false;
            }

            values[d][at] = value;
        }

        return true;
    }

    /// <summary>Reads a running trial: the parameters it has suggested, and for the others the joint draw the
    /// sampler stored for it (<see cref="RelativeParamsKey"/>), which the objective has not reached yet.</summary>
    private static bool ReadLive(
        FrozenTrial trial, string[] names, Distribution[] distributions, double[][] values, int at)
    {
        var relative =
            trial.SystemAttributes.GetValueOrDefault(RelativeParamsKey) as IReadOnlyDictionary<string, object?>;
        for (int d = 0; d < names.Length; d++)
        {
            if (trial.Params.TryGetValue(names[d], out object? value))
            {
                values[d][at] = distributions[d].ToInternal(value);
            }
            else if (relative?.GetValueOrDefault(names[d]) is double or long)
            {
                values[d][at] = Convert.ToDouble(relative[names[d]], CultureInfo.InvariantCulture);
            }
            else
            {
                return false;
            }

            if (!double.IsFinite(values[d][at]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Holds one parameter's values by row, and the rows that have a value, sorted by value then row.
    /// </summary>
    private sealed class Column
    {
        private double[] _values = [];
        private int[] _sorted = new int[16];
        private int _sortedCount;

        public double? ValueAt(int row) => row < _values.Length ? _values[row] : null;

        public void Add(int row, double value)
        {
            if (row >= _values.Length)
            {
                int old = _values.Length;
                Array.Resize(ref _values, Math.Max(Math.Max(16, old * 2), row + 1));
                _values.AsSpan(old).Fill(double.NaN);
            }

            _values[row] = value;
            if (_sortedCount == _sorted.Length)
            {
                Array.Resize(ref _sorted, _sorted.Length * 2);
            }

            // Rows are numbered as trials arrive, so a new row goes after every equal value: ties keep the order in
            // which the table first saw the trials (trial-number order in a sequential study).
            int at = UpperBound(value);
            Array.Copy(_sorted, at, _sorted, at + 1, _sortedCount - at);
            _sorted[at] = row;
            _sortedCount++;
        }

        /// <summary>Returns the observation indices in value order: the observed stored rows, merged with the
        /// observations of running trials.</summary>
        public int[] Order(int[] observationOfRow, int count, double[] observed, List<int>? outside)
        {
            var order = new int[count];
            int k = 0;
            for (int i = 0; i < _sortedCount; i++)
            {
                int row = _sorted[i];
                int observation = row < observationOfRow.Length ? observationOfRow[row] : -1;
                if (observation >= 0)
                {
                    order[k++] = observation;
                }
            }

            if (outside is null)
            {
                return order;
            }

            int[] live = SortOutside(observed, outside);
            return Merge(order.AsSpan(0, k), live, observed);
        }

        /// <summary>Sorts the observations of running trials by value, ties by index (there are few of them).
        /// </summary>
        public static int[] SortOutside(double[] observed, List<int>? outside)
        {
            int[] order = outside is null ? [] : [.. outside];
            Array.Sort(order, (a, b) => observed[a] != observed[b] ? observed[a].CompareTo(observed[b]) : a - b);
            return order;
        }

        private static int[] Merge(ReadOnlySpan<int> stored, int[] live, double[] observed)
        {
            var merged = new int[stored.Length + live.Length];
            int i = 0;
            int j = 0;
            for (int k = 0; k < merged.Length; k++)
            {
                bool takeStored = j == live.Length || (i < stored.Length && observed[stored[i]] <= observed[live[j]]);
                merged[k] = takeStored ? stored[i++] : live[j++];
            }

            return merged;
        }

        private int UpperBound(double value)
        {
            int low = 0;
            int high = _sortedCount;
            while (low < high)
            {
                int middle = (low + high) >>> 1;
                if (_values[_sorted[middle]] <= value)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }
    }
}
