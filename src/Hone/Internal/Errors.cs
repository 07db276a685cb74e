namespace Hone.Internal;

/// <summary>Helps nest one error message in another.</summary>
internal static class Errors
{
    /// <summary>Returns an argument exception's message without the " (Parameter 'x')" suffix that .NET appends,
    /// so that a wrapping message names its own parameter once.</summary>
    public static string MessageOf(ArgumentException error) =>
        error.ParamName is { } name && error.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
            ? error.Message[..^$" (Parameter '{name}')".Length]
            : error.Message;
}
