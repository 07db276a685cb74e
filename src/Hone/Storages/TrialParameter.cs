using Hone.Distributions;

namespace Hone.Storages;

/// <summary>Holds one parameter of a trial as <see cref="TrialStorage.SetTrialParameters"/> writes it.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="InternalValue">The value in the distribution's internal representation.</param>
/// <param name="Distribution">The distribution it was drawn from.</param>
public readonly record struct TrialParameter(string Name, double InternalValue, Distribution Distribution);
