using System.Globalization;
using System.Text;
using Hone.Storages.Sql.Internal;

namespace Hone.Storages.Sql;

public sealed partial class RelationalStorage
{
    // Rows per statement: a trial rarely buffers more, and 3 parameters a row stay far below every server's limit.
    private const int MaxBatchRows = 100;

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">There is no such trial.</exception>
    /// <exception cref="ArgumentException">A name is longer than 512 characters.</exception>
    /// <remarks>The common case (a running trial, names new to it and each already recorded in the study with the
    /// same distribution) takes one statement; anything else takes <see cref="SetTrialParameter"/>'s path for each
    /// parameter.</remarks>
    public override void SetTrialParameters(long trialId, IReadOnlyList<TrialParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        for (int start = 0; start < parameters.Count; start += MaxBatchRows)
        {
            var chunk = parameters.Skip(start).Take(MaxBatchRows).ToArray();
            if (chunk.Length > 1 && HasDistinctNames(chunk) && WriteAllIfRunning(trialId, chunk))
            {
                continue;
            }

            foreach (var parameter in chunk)
            {
                SetTrialParameter(trialId, parameter.Name, parameter.InternalValue, parameter.Distribution);
            }
        }
    }

    /// <summary>Inserts all the parameters in one statement when the trial is running, none of the names is in it
    /// yet and the study recorded each name with the very same distribution; otherwise writes nothing.</summary>
    /// <returns>Whether it wrote them.</returns>
    private bool WriteAllIfRunning(long trialId, TrialParameter[] chunk)
    {
        var rows = new StringBuilder();
        var known = new StringBuilder();
        var names = new StringBuilder();
        var parameters = new List<(string Name, object? Value)>(3 * chunk.Length + 2);
        for (int i = 0; i < chunk.Length; i++)
        {
            var (name, internalValue, distribution) = chunk[i];
            ArgumentNullException.ThrowIfNull(name, nameof(chunk));
            ArgumentNullException.ThrowIfNull(distribution, nameof(chunk));
            CheckName(name, "parameter name", nameof(name));
            // Throws, like the other storages, when the value is not one the distribution can give.
            distribution.ToExternal(internalValue);
            string n = Invariant($"@n{i}"), v = Invariant($"@v{i}"), d = Invariant($"@d{i}");
            rows.Append(i == 0 ? "" : " UNION ALL ")
                .Append(Invariant($"SELECT {n} AS name, {i} AS ord, {v} AS value, {d} AS distribution"));
            known.Append(i == 0 ? "" : " OR ").Append(Invariant($"(d.param_name = {n} AND d.distribution_json = {d})"));
            names.Append(i == 0 ? "" : ", ").Append(n);
            parameters.Add((n, name));
            parameters.Add((v, StorageJson.FormatDouble(internalValue)));
            parameters.Add((d, StorageDistribution.Encode(distribution)));
        }

        // Positions follow the parameters the trial has, in the order given. The names are distinct and the study
        // keeps one distribution per name, so the count of matches is the number of rows exactly when all match.
        string select = "SELECT t.trial_id, v.name, "
            + "(SELECT COUNT(*) FROM hone_trial_params p WHERE p.trial_id = t.trial_id) + v.ord, v.value, "
            + $"v.distribution FROM hone_trials t CROSS JOIN ({rows}) v "
            + "WHERE t.trial_id = @trial AND t.state = @running "
            + $"AND (SELECT COUNT(*) FROM hone_study_distributions d WHERE d.study_id = t.study_id AND ({known})) = "
            + chunk.Length.ToString(CultureInfo.InvariantCulture)
            + $" AND NOT EXISTS (SELECT 1 FROM hone_trial_params p WHERE p.trial_id = t.trial_id "
            + $"AND p.param_name IN ({names})){_dialect.LockRowsOf("t")}";
        string sql = _dialect.UpsertSelect("hone_trial_params",
            "trial_id, param_name, position, internal_value, distribution_json", select, "trial_id, param_name",
            "internal_value, distribution_json");
        parameters.Add(("@trial", trialId));
        parameters.Add(("@running", TrialStates.Name(TrialState.Running)));
        (string, object?)[] all = [.. parameters];
        // All or nothing: the rows come from one SELECT whose conditions hold for every row or for none.
        return Run("SetTrialParameters", Access.Statement, s => s.Execute(sql, all)) == chunk.Length
            || TookLockingPath();
    }

    private static bool HasDistinctNames(TrialParameter[] chunk) =>
        chunk.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count() == chunk.Length;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
