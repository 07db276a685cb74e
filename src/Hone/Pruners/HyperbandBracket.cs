namespace Hone.Pruners;

/// <summary>Describes one bracket of a <see cref="HyperbandPruner"/>: a successive-halving schedule and its share
/// of the trials.</summary>
/// <param name="Id">The bracket's index: 0 is the most aggressive (its first rung is at the minimum resource), and
/// bracket i starts at <c>MinResource · η^i</c>.</param>
/// <param name="Budget">The bracket's share of the trials: of every B trials, B being the sum of all brackets'
/// budgets, this many go to this bracket (in expectation); the n of the first rung in Li et al.'s table.</param>
/// <param name="Rungs">The rungs, from the first to the one at the maximum resource: how many trials reach each
/// (nᵢ = ⌊n·η⁻ⁱ⌋) and with what resource (rᵢ).</param>
public sealed record HyperbandBracket(int Id, int Budget, IReadOnlyList<HyperbandRung> Rungs);
