using System.Collections.Frozen;
using Hone.Distributions;

namespace Hone.Samplers;

/// <summary>Decides the values of parameters; the extension point for search algorithms.</summary>
/// <remarks>
/// <para>
/// A trial asks its sampler twice over. When the trial starts, <see cref="InferRelativeSearchSpace"/> names a joint
/// ("relative") space, usually learnt from finished trials, and <see cref="SampleRelative"/> draws all of it at once.
/// Then each <c>Suggest*</c> call that the relative values do not cover goes to <see cref="SampleIndependent"/>.
/// </para>
/// <para>
/// Values are exchanged in the internal representation of their distribution (<see cref="Distribution"/>): the
/// number itself for float and int parameters, the index of the choice for categorical ones. A sampler sees trials
/// only through the <see cref="Study"/>, never through a storage. It must be safe to call from several threads
/// (<c>Optimize</c> with <c>jobs &gt; 1</c>), and with the same seed and the same history it must return the same
/// values.
/// </para>
/// </remarks>
public abstract class Sampler
{
    /// <summary>Gets an empty search space or set of values, for samplers that draw nothing jointly.</summary>
    protected static readonly FrozenDictionary<string, Distribution> EmptySpace =
        FrozenDictionary<string, Distribution>.Empty;

    /// <summary>Names the parameters to draw jointly for a new trial.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The new trial.</param>
    /// <returns>The joint space; empty by default.</returns>
    public virtual IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, FrozenTrial trial) =>
        EmptySpace;

    /// <summary>Draws the joint space of a new trial at once.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The new trial.</param>
    /// <param name="searchSpace">The space from <see cref="InferRelativeSearchSpace"/>.</param>
    /// <returns>Internal values by parameter name; empty by default.</returns>
    public virtual IReadOnlyDictionary<string, double> SampleRelative(
        Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace) =>
        FrozenDictionary<string, double>.Empty;

    /// <summary>Draws one parameter that the joint draw did not cover.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The running trial.</param>
    /// <param name="name">The parameter's name.</param>
    /// <param name="distribution">The distribution to draw from.</param>
    /// <returns>The internal value; it must lie in <paramref name="distribution"/>.</returns>
    public abstract double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution);

    /// <summary>Runs when a trial starts, before any parameter is drawn.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The new trial.</param>
    public virtual void BeforeTrial(Study study, FrozenTrial trial)
    {
    }

    /// <summary>Runs when a trial is about to be finished, before its state is stored.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The trial.</param>
    /// <param name="state">The state it will get.</param>
    /// <param name="values">The values it will get, if any.</param>
    public virtual void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values)
    {
    }

    /// <summary>Tells whether <see cref="AfterTrial"/> reads the trial's contents for a trial ending in a state, so
    /// that the study reads its stored copy first; a sampler of this library that reads at most its identifier and
    /// number says no, and spares a database a round trip per trial.</summary>
    /// <param name="state">The state the trial will get.</param>
    /// <returns><see langword="true"/> unless the sampler knows it does not read them; always for samplers
    /// outside this library.</returns>
    internal virtual bool ReadsTrialAfterRun(TrialState state) => true;
}
