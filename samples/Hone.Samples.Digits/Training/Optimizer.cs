namespace Hone.Samples.Digits.Training;

/// <summary>Updates parameters in place from a mini-batch gradient.</summary>
internal abstract class Optimizer
{
    public abstract void Step(Span<float> parameters, ReadOnlySpan<float> gradient);
}
