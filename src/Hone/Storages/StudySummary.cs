namespace Hone.Storages;

/// <summary>Sums up one study of a storage, as listings show it.</summary>
/// <param name="StudyId">The study's identifier.</param>
/// <param name="Name">The study's name.</param>
/// <param name="Directions">One direction per objective.</param>
/// <param name="TrialCount">How many trials the study holds, in any state.</param>
/// <param name="BestTrial">The best completed trial of a single-objective study, or <see langword="null"/>.</param>
public sealed record StudySummary(
    long StudyId,
    string Name,
    IReadOnlyList<StudyDirection> Directions,
    int TrialCount,
    FrozenTrial? BestTrial);
