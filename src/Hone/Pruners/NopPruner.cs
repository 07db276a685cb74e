namespace Hone.Pruners;

/// <summary>Never prunes: every trial runs to the end. The default pruner.</summary>
public sealed class NopPruner : Pruner
{
    /// <inheritdoc />
    public override bool Prune(Study study, FrozenTrial trial) => false;
}
