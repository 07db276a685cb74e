namespace Hone.Pruners;

/// <summary>Configures a <see cref="PatientPruner"/>; every knob has its default in the initializer.</summary>
public sealed class PatientPrunerOptions
{
    /// <summary>Gets or sets how much worse than its earlier best the trial may get within the patience window
    /// before it counts as stalled; a finite number, 0 or more.</summary>
    /// <value>The default value is 0.0: any worsening counts.</value>
    public double MinDelta { get; set; }
}
