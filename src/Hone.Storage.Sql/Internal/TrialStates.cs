namespace Hone.Storages.Sql.Internal;

/// <summary>Names trial states in the <c>state</c> column, as the journal names them.</summary>
internal static class TrialStates
{
    public static string Name(TrialState state) => JournalTemplate.StateName(state);

    public static TrialState Parse(string name) => name switch
    {
        "running" => TrialState.Running,
        "complete" => TrialState.Complete,
        "pruned" => TrialState.Pruned,
        "fail" => TrialState.Fail,
        "waiting" => TrialState.Waiting,
        _ => throw new FormatException($"Unknown trial state '{name}' in the database."),
    };
}
