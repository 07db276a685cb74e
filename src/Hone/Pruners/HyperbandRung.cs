namespace Hone.Pruners;

/// <summary>Describes one rung of a <see cref="HyperbandBracket"/>.</summary>
/// <param name="Trials">How many of the bracket's trials reach the rung (nᵢ).</param>
/// <param name="Resource">The resource (step) at which the rung is checked (rᵢ).</param>
public sealed record HyperbandRung(int Trials, long Resource);
