namespace Hone.Samples.Digits;

/// <summary>What one run of the sample does; every default here is also the command line's default.</summary>
internal sealed record DigitsSettings
{
    /// <summary>The <c>--storage</c> value that keeps the study in memory only, gone when the run ends.</summary>
    public const string InMemoryStorage = "memory";

    /// <summary>The default storage: an SQLite file in the working directory, so that a second run continues the
    /// study of the first.</summary>
    public const string DefaultStorage = "sqlite:///hone.db";

    /// <summary>The name of the study in its storage.</summary>
    public const string StudyName = "digits-mlp";

    /// <summary>Gets how many trials the study runs.</summary>
    public int Trials { get; init; } = 100;

    /// <summary>Gets how many passes over the training set each trial makes.</summary>
    /// <remarks>Measured on digits: most good networks are within a point of their best error after 20 epochs.
    /// </remarks>
    public int Epochs { get; init; } = 20;

    /// <summary>Gets the mini-batch size.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Gets the seed of the sampler, the train/validation split and every trial's weights.</summary>
    public int Seed { get; init; }

    /// <summary>Gets the CSV file, IDX images file or IDX folder to read; <see langword="null"/> for digits.</summary>
    public string? DataPath { get; init; }

    /// <summary>Gets the cap on the rows read, for large IDX sets; <see langword="null"/> reads every row.</summary>
    public int? MaxSamples { get; init; }

    /// <summary>Gets the fraction of rows held out to measure the validation error.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>Gets the sampler: "tpe" (Hone's default) or "random".</summary>
    public string Sampler { get; init; } = "tpe";

    /// <summary>Gets the pruner: "hyperband" (the default), "asha", "median" or "none".</summary>
    public string Pruner { get; init; } = "hyperband";

    /// <summary>Gets where trials are kept: a storage URL (<c>sqlite:</c>, <c>postgresql:</c>, <c>mysql:</c>,
    /// <c>journal:</c>) or <see cref="InMemoryStorage"/>.</summary>
    public string Storage { get; init; } = DefaultStorage;

    /// <summary>Gets how many trials run at once.</summary>
    /// <remarks>
    /// One per core of the 2-core machines this sample is tuned on (each trial is single-threaded): 100 trials took
    /// 20 s with one job and 13 s with two. With more than one job, which trial gets which sampled values depends
    /// on thread timing, so only <c>--jobs 1</c> repeats a run exactly.
    /// </remarks>
    public int Jobs { get; init; } = 2;
}
