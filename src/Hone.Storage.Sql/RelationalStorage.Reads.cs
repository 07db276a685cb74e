using Hone.Storages.Sql.Internal;

namespace Hone.Storages.Sql;

public sealed partial class RelationalStorage
{
    /// <inheritdoc />
    /// <remarks>One statement, which reads the trial's row and its contents from one snapshot.</remarks>
    public override FrozenTrial GetTrial(long trialId) =>
        Run("GetTrial", Access.Statement, s => TrialReader.ReadOneAtOnce(s, trialId)) ?? throw TrialNotFound(trialId);

    /// <inheritdoc />
    public override IReadOnlyList<FrozenTrial> GetAllTrials(
        long studyId, IReadOnlyCollection<TrialState>? states = null)
    {
        // The states are written into the statement as literals of their fixed names, never user text.
        string filter = states is null ? ""
            : states.Count == 0 ? " AND 1 = 0"
            : $" AND t.state IN ({string.Join(", ", states.Distinct().Select(st => $"'{TrialStates.Name(st)}'"))})";
        return Run("GetAllTrials", Access.Read, s => ReadStudyTrials(s, studyId, "t.study_id = @study" + filter,
            ("@study", studyId)));
    }

    /// <inheritdoc />
    /// <remarks>One query per kind of row (trials, parameters, intermediate values, attributes) with
    /// <c>number &gt;= firstNumber</c>, whatever the number of trials.</remarks>
    public override IReadOnlyList<FrozenTrial> GetTrialsFrom(long studyId, int firstNumber) =>
        Run("GetTrialsFrom", Access.Read, s => ReadStudyTrials(s, studyId,
            "t.study_id = @study AND t.number >= @first", ("@study", studyId), ("@first", firstNumber)));

    private static List<FrozenTrial> ReadStudyTrials(
        SqlSession s, long studyId, string where, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var trials = TrialReader.Read(s, where, parameters);
        if (trials.Count == 0)
        {
            RequireStudy(s, studyId);
        }

        return trials;
    }
}
