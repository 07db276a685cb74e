using Hone.Samplers.Tpe;

namespace Hone.Tests.Samplers.Tpe;

public sealed class ParetoRankingTests
{
    private static List<FrozenTrial> Trials(params (double, double)[] values) =>
        [.. values.Select((v, i) => new FrozenTrial { Number = i, Values = [v.Item1, v.Item2] })];

    [Fact]
    public void Rank_FrontTooLargeForTheGoodGroup_IsCutByHypervolumeContribution()
    {
        // Losses A(1,5) B(2,2) C(5,1) form the first front, D(3,3) the second (B dominates it), E(6,6) the third.
        // Two places: the reference point is 1.1 x the front's worst per objective, (5.5, 5.5). Alone, B dominates
        // 3.5 x 3.5 = 12.25 and A or C 4.5 x 0.5 = 2.25, so B goes first; A and C each add 0.5 to it (a tie, which
        // the front's order breaks). Then the rest of the front, then the later fronts in their order.
        var trials = Trials((1, 5), (2, 2), (5, 1), (3, 3), (6, 6));

        var ranked = ParetoRanking.Rank(trials, [StudyDirection.Minimize, StudyDirection.Minimize], take: 2);

        Assert.Equal([1, 0, 2, 3, 4], ranked.Select(t => t.Number));
    }

    [Fact]
    public void Rank_MaximizedObjective_IsNegatedBeforeRanking()
    {
        // The same points with the second objective maximized (values negated): the same ranking.
        var trials = Trials((1, -5), (2, -2), (5, -1), (3, -3), (6, -6));

        var ranked = ParetoRanking.Rank(trials, [StudyDirection.Minimize, StudyDirection.Maximize], take: 2);

        Assert.Equal([1, 0, 2, 3, 4], ranked.Select(t => t.Number));
    }

    [Fact]
    public void Rank_WholeFrontsFit_KeepTheirOrderFrontByFront()
    {
        var trials = Trials((6, 6), (3, 3), (1, 5), (2, 2), (5, 1));

        var ranked = ParetoRanking.Rank(trials, [StudyDirection.Minimize, StudyDirection.Minimize], take: 4);

        Assert.Equal([2, 3, 4, 1, 0], ranked.Select(t => t.Number));
    }
}
