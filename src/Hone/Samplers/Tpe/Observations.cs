namespace Hone.Samplers.Tpe;

/// <summary>Holds the observations of a group of parameters for one estimator.</summary>
/// <param name="Values">Per parameter, one internal value per observation.</param>
/// <param name="Orders">Per numeric parameter, the observation indices sorted by value; null for categorical ones.
/// </param>
/// <param name="Count">The number of observations.</param>
internal sealed record Observations(double[][] Values, int[]?[] Orders, int Count);
