using Hone.Distributions;

namespace Hone.Samplers.Tpe;

/// <summary>Keeps the internal values of a study's finished trials in one column per parameter, so that building the
/// estimators for a new trial reads flat arrays instead of each trial's boxed parameters.</summary>
/// <remarks>
/// A finished trial never changes, so each is converted once, when first seen; a running trial (the constant liar
/// puts them in the bad group) is read from its parameters every time. A missing parameter is NaN in its column:
/// no internal value is NaN. Thread-safe.
/// </remarks>
internal sealed class ObservationTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, int> _rows = [];
    private readonly Dictionary<string, double[]> _columns = new(StringComparer.Ordinal);

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
                    double[] column = Column(name, row);
                    column[row] = distribution.ToInternal(trial.Params[name]);
                }
            }
        }
    }

    /// <summary>Collects, per parameter, the values of the trials that have every one of the parameters, in the
    /// order of <paramref name="trials"/>.</summary>
    /// <returns>One array per name, all of the same length.</returns>
    public double[][] Observe(IReadOnlyList<FrozenTrial> trials, string[] names, Distribution[] distributions)
    {
        var columns = new double[names.Length][];
        for (int d = 0; d < names.Length; d++)
        {
            columns[d] = new double[trials.Count];
        }

        int count = 0;
        lock (_lock)
        {
            var sources = new double[]?[names.Length];
            for (int d = 0; d < names.Length; d++)
            {
                sources[d] = _columns.GetValueOrDefault(names[d]);
            }

            foreach (var trial in trials)
            {
                if (TryRead(trial, names, distributions, sources, columns, count))
                {
                    count++;
                }
            }
        }

        if (count < trials.Count)
        {
            for (int d = 0; d < names.Length; d++)
            {
                Array.Resize(ref columns[d], count);
            }
        }

        return columns;
    }

    private bool TryRead(
        FrozenTrial trial, string[] names, Distribution[] distributions, double[]?[] sources, double[][] columns, int at)
    {
        if (_rows.TryGetValue(trial.TrialId, out int row))
        {
            for (int d = 0; d < names.Length; d++)
            {
                double[]? source = sources[d];
                if (source is null || row >= source.Length || double.IsNaN(source[row]))
                {
                    return false;
                }

                columns[d][at] = source[row];
            }

            return true;
        }

        for (int d = 0; d < names.Length; d++)
        {
            if (!trial.Params.TryGetValue(names[d], out object? value))
            {
                return false;
            }

            columns[d][at] = distributions[d].ToInternal(value);
        }

        return true;
    }

    /// <summary>Returns the column of a parameter, created or grown so that it holds <paramref name="row"/>.
    /// </summary>
    private double[] Column(string name, int row)
    {
        if (!_columns.TryGetValue(name, out double[]? column))
        {
            column = NewColumn(Math.Max(16, row + 1), []);
        }
        else if (row >= column.Length)
        {
            column = NewColumn(Math.Max(column.Length * 2, row + 1), column);
        }
        else
        {
            return column;
        }

        _columns[name] = column;
        return column;
    }

    private static double[] NewColumn(int length, double[] from)
    {
        var column = new double[length];
        from.CopyTo(column, 0);
        column.AsSpan(from.Length).Fill(double.NaN);
        return column;
    }
}
