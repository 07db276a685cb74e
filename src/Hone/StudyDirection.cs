namespace Hone;

/// <summary>Says whether an objective value is better when it is smaller or when it is larger.</summary>
public enum StudyDirection
{
    /// <summary>Smaller values are better.</summary>
    Minimize,

    /// <summary>Larger values are better.</summary>
    Maximize,
}
