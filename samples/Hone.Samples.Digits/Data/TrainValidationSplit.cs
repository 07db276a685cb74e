namespace Hone.Samples.Digits.Data;

/// <summary>The two halves of a seeded split: rows to train on and rows to measure the error on.</summary>
internal sealed record TrainValidationSplit(Dataset Train, Dataset Validation);
