namespace Hone.Tests.FailureCases;

/// <summary>Runs the wall-clock tests alone, so that other tests do not eat the time they measure.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WallClockTestGroup
{
    /// <summary>Names the collection.</summary>
    public const string Name = "Failure cases: wall-clock timing";
}
